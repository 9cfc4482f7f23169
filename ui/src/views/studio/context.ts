/**
 * What every Studio screen is given, and what it gives back: the screen
 * draws itself from the session's view and is drawn anew after a
 * structural change (adding, removing, undo); edits typed into its fields
 * are saved in place and do not redraw it.
 */
import type { FormContext } from '../../features/studio/itemForm';

/** The Studio's screens, in the navigation's order. */
export const STUDIO_SCREENS = ['texts', 'films', 'contacts', 'county', 'checks', 'publish'] as const;
export type StudioScreenName = (typeof STUDIO_SCREENS)[number];

export interface ScreenContext extends FormContext {
  /** The item open on the texts, films and contacts screens. */
  selected(screen: StudioScreenName): string | null;
  /** Opens `id` on `screen`, then focuses the field `field` (a checks path) when given. */
  go(screen: StudioScreenName, id?: string | null, field?: string): void;
  /** A folder to suggest for a new key pair. */
  readonly keyDir: string;
}

export interface StudioScreen {
  readonly element: HTMLElement;
  destroy(): void;
}
