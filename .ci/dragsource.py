#!/usr/bin/python3
"""A tiny GTK3 window that offers files for drag and drop, so a test can drop
them onto the real program under Xvfb with xdotool (mousedown on this window,
mousemove onto the target, mouseup).

    /usr/bin/python3 .ci/dragsource.py FILE...   (needs python3-gi, gir1.2-gtk-3.0)

The window is titled "staffplan-drag-source" and fills 200x120 at the
top-left corner of the screen.
"""
import sys
import gi

gi.require_version("Gtk", "3.0")
from gi.repository import Gtk, Gdk, GLib  # noqa: E402

uris = [GLib.filename_to_uri(p, None) for p in sys.argv[1:]]

win = Gtk.Window(title="staffplan-drag-source")
win.set_default_size(200, 120)
win.move(0, 0)
button = Gtk.Button(label="drag me")
button.drag_source_set(Gdk.ModifierType.BUTTON1_MASK, [], Gdk.DragAction.COPY)
button.drag_source_add_uri_targets()


def on_get(widget, context, data, info, time):
    data.set_uris(uris)


button.connect("drag-data-get", on_get)
win.add(button)
win.connect("destroy", Gtk.main_quit)
win.show_all()
Gtk.main()
