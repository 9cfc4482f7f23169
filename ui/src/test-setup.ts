// jsdom lacks media playback and scrolling: stand-ins so that code calling
// them runs quietly. Tests that care spy on these.
import { vi } from 'vitest';

Object.defineProperty(HTMLMediaElement.prototype, 'pause', { configurable: true, writable: true, value: vi.fn() });
Object.defineProperty(HTMLMediaElement.prototype, 'load', { configurable: true, writable: true, value: vi.fn() });
Object.defineProperty(HTMLMediaElement.prototype, 'play', {
  configurable: true,
  writable: true,
  value: vi.fn(() => Promise.resolve()),
});
window.scrollTo = vi.fn() as unknown as typeof window.scrollTo;
window.scrollBy = vi.fn() as unknown as typeof window.scrollBy;
Element.prototype.scrollIntoView = vi.fn();
