"""Renderers: turn a :class:`rangemap.scene.Scene` into files.

``html`` (a package) is the only place that imports folium. ``export`` writes GIS
formats; ``files`` writes any of them atomically.
"""
