"""Journey tests: the real window on Xvfb with openbox, driven by X input."""
