"""Blender as an independent client of Scenewright's GLBs (run with bpy's Python).

For each directory given, imports `scene.glb` with Blender's own glTF importer, compares what
arrived with what the file declares (nodes, meshes, lights, cameras), renders it with EEVEE at
default settings from the file's camera, and compares the mean luminance of that render with
our own preview of the same scene (`preview.png`, same size). Prints one JSON line per scene
and exits 1 when a scene fails: import errors, missing nodes, or a luminance ratio outside
0.5-2.
"""
import json
import sys

import bpy
from glb_json import glb_json  # beside this script, on sys.path when run as one
import numpy


def mean_luminance(pixels):
    """Mean Rec. 709 luma of display-encoded RGB in 0-255."""
    rgb = pixels[..., :3].astype(numpy.float64)
    return float((rgb @ numpy.array([0.2126, 0.7152, 0.0722])).mean())


def load_png(path):
    image = bpy.data.images.load(path)
    width, height = image.size
    pixels = numpy.array(image.pixels[:], dtype=numpy.float64).reshape(height, width, 4) * 255
    bpy.data.images.remove(image)
    return pixels


def check(directory):
    glb = f"{directory}/scene.glb"
    declared = glb_json(glb)
    bpy.ops.wm.read_factory_settings(use_empty=True)
    messages = []
    result = bpy.ops.import_scene.gltf(filepath=glb)
    objects = list(bpy.context.scene.objects)
    counts = {
        "nodes": (len(declared.get("nodes", [])), len(objects)),
        "meshes": (sum(1 for n in declared["nodes"] if "mesh" in n), sum(1 for o in objects if o.type == "MESH")),
        "lights": (sum(1 for n in declared["nodes"] if "KHR_lights_punctual" in n.get("extensions", {})), sum(1 for o in objects if o.type == "LIGHT")),
        "cameras": (sum(1 for n in declared["nodes"] if "camera" in n), sum(1 for o in objects if o.type == "CAMERA")),
        "textured materials": (sum(1 for m in declared.get("materials", []) if "baseColorTexture" in m["pbrMetallicRoughness"]),
                               sum(1 for m in bpy.data.materials if m.use_nodes and any(n.type == "TEX_IMAGE" for n in m.node_tree.nodes))),
    }
    scene = bpy.context.scene
    cameras = [o for o in objects if o.type == "CAMERA"]
    if cameras:
        scene.camera = cameras[0]
    ours = load_png(f"{directory}/preview.png")
    height, width = ours.shape[:2]
    scene.render.resolution_x, scene.render.resolution_y = width, height
    scene.render.resolution_percentage = 100
    scene.render.engine = "BLENDER_EEVEE"
    scene.render.filepath = f"{directory}/blender.png"
    scene.render.image_settings.file_format = "PNG"
    bpy.ops.render.render(write_still=True)
    theirs = load_png(f"{directory}/blender.png")
    ratio = mean_luminance(theirs) / max(mean_luminance(ours), 1e-6)
    problems = [f"{name}: file {a}, Blender {b}" for name, (a, b) in counts.items() if a != b]
    if result != {"FINISHED"}:
        problems.append(f"import returned {result}")
    if not cameras:
        problems.append("no camera arrived")
    if not 0.5 <= ratio <= 2:
        problems.append(f"luminance ratio {ratio:.2f} outside 0.5-2")
    report = {
        "scene": directory, "counts": {k: v[1] for k, v in counts.items()}, "blender mean": round(mean_luminance(theirs), 1),
        "preview mean": round(mean_luminance(ours), 1), "ratio": round(ratio, 2), "problems": problems + messages,
    }
    print(json.dumps(report), flush=True)
    return not problems


def main():
    directories = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else sys.argv[1:]
    failed = [d for d in directories if not check(d)]
    print(json.dumps({"scenes": len(directories), "failed": len(failed)}))
    sys.exit(1 if failed else 0)


main()
