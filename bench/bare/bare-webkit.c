/*
 * The bare engine: the least a WebKitGTK host can be, as the floor that
 * bench/compare.sh measures Infostand against. One GTK window with one
 * WebKit view showing URL, with the settings Infostand gives its webview
 * (src-tauri/src/webkit.rs) and nothing Infostand adds of its own (no
 * custom protocol, no IPC, no media server, no content library).
 *
 *   bare-webkit URL [--fullscreen]
 *
 * It is C, not Python, so that nothing but GTK and WebKit is in the floor:
 * an interpreter and GObject introspection would add their own memory to
 * the UI process. Built by bench/compare.sh with
 *   cc -O2 -o bare-webkit bare-webkit.c $(pkg-config --cflags --libs webkit2gtk-4.1)
 *
 * As Infostand: accelerated compositing off (WEBKIT_DISABLE_COMPOSITING_MODE
 * set before GTK and WebKit start, unless already in the environment), the
 * cache model for one document, and no page cache, WebGL or Web Audio.
 * Office mode's window is 1280x800, kiosk mode's is fullscreen.
 */
#include <stdlib.h>
#include <string.h>
#include <webkit2/webkit2.h>

/* Infostand's office window (src-tauri/src/window.rs, INITIAL_SIZE). */
#define WIDTH 1280
#define HEIGHT 800

int main(int argc, char **argv) {
  if (argc < 2 || (argc == 3 && strcmp(argv[2], "--fullscreen") != 0) || argc > 3) {
    g_printerr("usage: %s URL [--fullscreen]\n", argv[0]);
    return 2;
  }
  /* Before GTK and WebKit start, as Infostand's webkit::prepare. */
  setenv("WEBKIT_DISABLE_COMPOSITING_MODE", "1", 0);
  gtk_init(&argc, &argv);

  webkit_web_context_set_cache_model(webkit_web_context_get_default(), WEBKIT_CACHE_MODEL_DOCUMENT_VIEWER);
  GtkWidget *window = gtk_window_new(GTK_WINDOW_TOPLEVEL);
  gtk_window_set_title(GTK_WINDOW(window), "bare WebKitGTK");
  gtk_window_set_default_size(GTK_WINDOW(window), WIDTH, HEIGHT);
  WebKitWebView *view = WEBKIT_WEB_VIEW(webkit_web_view_new());
  WebKitSettings *settings = webkit_web_view_get_settings(view);
  webkit_settings_set_enable_page_cache(settings, FALSE);
  webkit_settings_set_enable_webgl(settings, FALSE);
  webkit_settings_set_enable_webaudio(settings, FALSE);
  gtk_container_add(GTK_CONTAINER(window), GTK_WIDGET(view));
  g_signal_connect(window, "destroy", G_CALLBACK(gtk_main_quit), NULL);

  webkit_web_view_load_uri(view, argv[1]);
  if (argc == 3) gtk_window_fullscreen(GTK_WINDOW(window));
  gtk_widget_show_all(window);
  gtk_main();
  return 0;
}
