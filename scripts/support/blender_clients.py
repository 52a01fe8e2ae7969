"""Blender as an independent client of Scenewright's GLB and USDZ files (run with bpy's Python).

For each NAME.glb given (with NAME.usdz beside it), imports the GLB with Blender's glTF importer
and the USDZ with its USD importer (`bpy.ops.wm.usd_import`), each into an empty scene, and
checks what arrived against the GLB's own JSON:

- the glTF import: as many objects, meshes, lights and cameras as the file declares, and every
  `extras.scenewright` dictionary arrived intact as an object custom property;
- the USD import: the same mesh count and the same material count as the glTF import, every
  semantic dictionary present (USD `userProperties:scenewright`, JSON), and the world bounding
  box of the whole file and of every semantic object within 1 cm of the glTF import's;
- no import error in either (an operator that does not finish, or an ERROR line in its output).

Prints one JSON line per file, then a Markdown table, and exits 1 when any file fails. Lights
are reported, not compared: Blender's USD importer reads only typed UsdLux prims, and the ARKit
profile of USDZ forbids those, so our lights are `LightAPI` on Xforms, which it skips.
"""
import json
import os
import re
import sys
import tempfile

import bpy
from glb_json import glb_json  # beside this script, on sys.path when run as one
from mathutils import Vector

TOLERANCE = 0.01  # metres
# Log levels as Blender's importers and USD's diagnostics print them ("| WARNING:", "Warning: in",
# "ERROR (", "Traceback"), not the words inside a node name such as "warning-sign".
WARNING = re.compile(r"(\| WARNING:|^WARNING\b|^Warning:|\bTF_WARN|^WARN\b)")
ERROR = re.compile(r"(\| ERROR:|^ERROR\b|^Error:|\bTF_CODING_ERROR|\bTF_RUNTIME_ERROR|^Traceback|Coding Error|Runtime Error)")


def captured(operator, **arguments):
    """Runs an import operator with stdout and stderr captured at the file-descriptor level
    (Blender's C code writes there too); returns (result, warnings, errors)."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    with tempfile.TemporaryFile(mode="w+") as log:
        os.dup2(log.fileno(), 1)
        os.dup2(log.fileno(), 2)
        try:
            result = operator(**arguments)
        except RuntimeError as error:
            result = {f"RuntimeError: {error}"}
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])
        log.seek(0)
        lines = [line.strip() for line in log if line.strip()]
    warnings = [line for line in lines if WARNING.search(line)]
    errors = [line for line in lines if ERROR.search(line)]
    if result != {"FINISHED"}:
        errors.append(f"operator returned {sorted(result)}")
    return warnings, errors


def rounded(value):
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, dict):
        return {k: rounded(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [rounded(v) for v in value]
    return value


def semantics(obj):
    """The scenewright dictionary an imported object carries: an ID property group (glTF
    extras) or a JSON string (USD userProperties), on the object or on its mesh data."""
    for holder in (obj, obj.data):
        if holder is None or not hasattr(holder, "keys") or "scenewright" not in holder.keys():
            continue
        value = holder["scenewright"]
        if isinstance(value, str):
            return json.loads(value)
        return value.to_dict() if hasattr(value, "to_dict") else dict(value)
    return None


def box(objects):
    low, high = Vector((1e9,) * 3), Vector((-1e9,) * 3)
    for obj in objects:
        if obj.type != "MESH":
            continue
        for corner in obj.bound_box:
            p = obj.matrix_world @ Vector(corner)
            low, high = Vector(map(min, low, p)), Vector(map(max, high, p))
    return (tuple(low), tuple(high)) if low.x <= high.x else None


def box_gap(a, b):
    if a is None or b is None:
        return float("inf") if (a is None) != (b is None) else 0.0
    return max(abs(x - y) for corner in range(2) for x, y in zip(a[corner], b[corner]))


def imported(operator, path):
    """Imports `path` into an empty scene and reads back what arrived."""
    bpy.ops.wm.read_factory_settings(use_empty=True)
    warnings, errors = captured(operator, filepath=path)
    objects = list(bpy.context.scene.objects)
    meshes = [o for o in objects if o.type == "MESH"]
    carried = {}
    for obj in objects:
        value = semantics(obj)
        if value is not None:
            carried.setdefault(value.get("id"), []).append((value, box([obj] + list(obj.children_recursive))))
    return {
        "warnings": warnings, "errors": errors, "objects": len(objects), "meshes": len(meshes),
        "lights": sum(1 for o in objects if o.type == "LIGHT"), "cameras": sum(1 for o in objects if o.type == "CAMERA"),
        "materials": len({slot.material.name for o in meshes for slot in o.material_slots if slot.material}),
        "semantics": carried, "box": box(meshes),
    }


def check(glb):
    usdz = glb[:-len(".glb")] + ".usdz"
    declared = glb_json(glb)
    nodes = declared.get("nodes", [])
    expected = {}
    for node in nodes:
        extras = (node.get("extras") or {}).get("scenewright")
        if extras is not None:
            expected.setdefault(extras.get("id"), []).append(rounded(extras))
    gltf = imported(bpy.ops.import_scene.gltf, glb)
    usd = imported(bpy.ops.wm.usd_import, usdz)
    problems = [f"glTF import: {e}" for e in gltf["errors"]] + [f"USD import: {e}" for e in usd["errors"]]
    for name, declared_count in (("objects", len(nodes)), ("meshes", sum(1 for n in nodes if "mesh" in n)),
                                 ("lights", sum(1 for n in nodes if "KHR_lights_punctual" in (n.get("extensions") or {}))),
                                 ("cameras", sum(1 for n in nodes if "camera" in n))):
        if gltf[name] != declared_count:
            problems.append(f"glTF {name}: file {declared_count}, Blender {gltf[name]}")
    for name in ("meshes", "materials"):
        if usd[name] != gltf[name]:
            problems.append(f"USD {name} {usd[name]} against glTF {gltf[name]}")
    for label, result in (("glTF", gltf), ("USD", usd)):
        arrived = {k: sorted((rounded(v) for v, _ in items), key=json.dumps) for k, items in result["semantics"].items()}
        wanted = {k: sorted(v, key=json.dumps) for k, v in expected.items()}
        missing = [k for k in wanted if arrived.get(k) != wanted[k]]
        if missing:
            problems.append(f"{label}: {len(missing)} of {len(wanted)} semantic dictionaries missing or changed, e.g. {missing[:3]}")
    worst, worst_id = box_gap(gltf["box"], usd["box"]), "the whole file"
    for key, items in gltf["semantics"].items():
        theirs = usd["semantics"].get(key, [])
        if len(items) != 1 or len(theirs) != 1:
            continue  # repeated ids are compared as dictionaries above, not by box
        gap = box_gap(items[0][1], theirs[0][1])
        if gap > worst:
            worst, worst_id = gap, key
    if worst > TOLERANCE:
        problems.append(f"bounding box of {worst_id} differs by {worst:.4f} m")
    report = {
        "file": glb, "glTF": {k: gltf[k] for k in ("objects", "meshes", "lights", "cameras", "materials")},
        "USD": {k: usd[k] for k in ("objects", "meshes", "lights", "cameras", "materials")},
        "semantics": sum(len(v) for v in expected.values()), "max box gap m": round(worst, 6),
        "warnings": {"glTF": gltf["warnings"][:5], "USD": usd["warnings"][:5]}, "problems": problems,
    }
    print(json.dumps(report), flush=True)
    return report


def main():
    files = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else sys.argv[1:]
    reports = [check(f) for f in files]
    print("\n| file | meshes glTF / USD | materials glTF / USD | lights glTF / USD | semantics | max box gap | warnings | result |")
    print("|---|---|---|---|---|---|---|---|")
    for r in reports:
        name = "/".join(r["file"].split("/")[-2:])
        g, u = r["glTF"], r["USD"]
        warnings = len(r["warnings"]["glTF"]) + len(r["warnings"]["USD"])
        print(f"| {name} | {g['meshes']} / {u['meshes']} | {g['materials']} / {u['materials']} | {g['lights']} / {u['lights']} "
              f"| {r['semantics']} | {r['max box gap m'] * 1000:.3f} mm | {warnings} | {'ok' if not r['problems'] else 'FAIL'} |")
    failed = [r for r in reports if r["problems"]]
    print(json.dumps({"files": len(reports), "failed": len(failed)}))
    sys.exit(1 if failed else 0)


main()
