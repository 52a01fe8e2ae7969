"""The JSON chunk of a GLB, read with nothing but the standard library (shared by the Blender checks)."""
import json
import struct


def glb_json(path):
    with open(path, "rb") as f:
        data = f.read()
    length, kind = struct.unpack_from("<II", data, 12)
    assert kind == 0x4E4F534A, "no JSON chunk"
    return json.loads(data[20:20 + length])
