"""Renderers: turn a :class:`rangemap.scene.Scene` into files.

``html`` is the only module that imports folium. ``export`` writes GIS
formats; ``files`` writes any of them atomically.
"""
