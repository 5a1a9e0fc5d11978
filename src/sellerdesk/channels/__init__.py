"""Feed channels: each channel's rules (as data) and its feed-file writer, one module each.

Qt-free. ``registry.feed_channels(taxonomy)`` lists them; services check products against them
and write their files atomically.
"""
