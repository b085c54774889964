"""Pictures: what the parse records of each (facts), how one is resized and encoded (encode), and the
content-addressed cache every edition asks for the size it needs (cache)."""
