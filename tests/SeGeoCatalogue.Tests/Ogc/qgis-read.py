"""Reads layers with QGIS's own providers (headless qgis.core, Debian's python3-qgis) and prints what it read as JSON.

Arguments: pairs of kind and source. kind "oapif": source is "<base url>|<collection>" (QGIS's OGC API - Features
provider); kind "ogr": source is a file path (a GeoPackage download). For each layer: valid, the feature count QGIS
reports, the features it iterates, how many have a non-empty geometry, its CRS and the attribute values of a few fields.
"""
import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import QgsApplication, QgsVectorLayer  # noqa: E402

app = QgsApplication([], False)
app.initQgis()
results = []
args = sys.argv[1:]
for kind, source in zip(args[0::2], args[1::2]):
    if kind == "oapif":
        base, collection = source.split("|")
        layer = QgsVectorLayer(f"url='{base}' typename='{collection}'", collection, "OAPIF")
    else:
        layer = QgsVectorLayer(source, os.path.basename(source), "ogr")
    read = {"source": source, "valid": layer.isValid(), "count": layer.featureCount() if layer.isValid() else -1,
            "crs": layer.crs().authid() if layer.isValid() else None, "features": 0, "with_geometry": 0, "values": {}}
    if layer.isValid():
        names = [f.name() for f in layer.fields()]
        read["fields"] = names
        for feature in layer.getFeatures():
            read["features"] += 1
            if feature.hasGeometry() and not feature.geometry().isEmpty():
                read["with_geometry"] += 1
            for field in ("pcode", "title", "summary", "name_my", "id"):
                if field in names:
                    value = feature[field]
                    read["values"].setdefault(field, []).append(None if value is None else str(value))
    results.append(read)
print(json.dumps(results, ensure_ascii=False), flush=True)
# QGIS 3.22 may crash while tearing its providers down after a script (exit 139); what was read is printed already.
os._exit(0)
