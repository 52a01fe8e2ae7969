#!/usr/bin/env python3
"""Opens the WebXR viewer for a staged scene in headless Chromium and checks, from the page
itself, that the GLB loaded without loader errors, that the three.js scene has as many meshes
and markers as the GLB says it should, that every textured material of the GLB arrived with
its image, that a screenshot is not blank, that a close-up of the title hotspot's panel is
not uniform (its card text is drawn), and that the room's KHR_audio_emitter ambience was fetched,
decoded (20 s of MP3) and is playing as a positional sound.

usage: viewer_test.py SCENEWRIGHT_BINARY [CHROMIUM]     (run by .ci/run; exit 1 on failure)
"""
import json, os, re, shutil, struct, subprocess, sys, tempfile, zlib

binary = sys.argv[1]
chromium = sys.argv[2] if len(sys.argv) > 2 else (shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome"))
if not chromium:
    if os.environ.get("CI") == "true":   # in CI a missing browser fails the check instead of hiding it
        print("viewer test FAILED: no Chromium on this machine (apt-get install chromium)"); sys.exit(1)
    print("viewer test SKIPPED: no Chromium on this machine (apt-get install chromium)")
    sys.exit(0)

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts", "support"))
from scenewright_server import ScenewrightServer

work = tempfile.mkdtemp(prefix="viewer-test-")
server = ScenewrightServer(binary, os.path.join(work, "db.sqlite"), ["--rate-limit", "0"])
try:
    try:
        server.start(timeout=120)
    except RuntimeError as error:
        print(f"viewer test FAILED: {error}"); sys.exit(1)
    base = server.base

    def request(path, body=None):
        status, _, data = server.request("POST" if body else "GET", path, body)
        if status >= 400: raise RuntimeError(f"{path}: HTTP {status}")
        return data

    scene = json.loads(request("/v1/scenes", {"filmId": "toy-story-1995", "seed": 3}))
    glb = request(f"/v1/scenes/{scene['id']}.glb")
    length = struct.unpack("<I", glb[12:16])[0]
    gltf = json.loads(glb[20:20 + length])
    # three.js makes one Mesh per primitive of every node that has a mesh.
    expected_meshes = sum(len(gltf["meshes"][node["mesh"]]["primitives"]) for node in gltf["nodes"] if "mesh" in node)
    roles = [node.get("extras", {}).get("scenewright", {}).get("role") for node in gltf["nodes"]]
    expected_markers = sum(1 for role in roles if role in ("hotspot", "character"))
    used_materials = {p["material"] for node in gltf["nodes"] if "mesh" in node for p in gltf["meshes"][node["mesh"]]["primitives"]}
    expected_textured = sum(1 for i in used_materials if "baseColorTexture" in gltf["materials"][i]["pbrMetallicRoughness"])
    expected_emitters = len(((gltf.get("extensions") or {}).get("KHR_audio_emitter") or {}).get("emitters", []))

    url = f"{base}/viewer/scenes/{scene['id']}"
    flags = [chromium, "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--use-gl=angle", "--use-angle=swiftshader",
             "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist", "--window-size=960,600", "--virtual-time-budget=30000",
             f"--user-data-dir={os.path.join(work, 'profile')}"]
    # The page plays the room's ambience (KHR_audio_emitter) at once with ?audio=autoplay, which
    # this flag lets Chromium allow without a click.
    dom = subprocess.run(flags + ["--autoplay-policy=no-user-gesture-required", "--dump-dom", url + "?audio=autoplay"],
                         capture_output=True, text=True, timeout=180).stdout
    match = re.search(r'<pre id="status">(.*?)</pre>', dom, re.S)
    if not match:
        print("viewer test FAILED: the page reported nothing"); print(dom[:2000]); sys.exit(1)
    status = json.loads(match.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    shot = os.path.join(work, "viewer.png")
    subprocess.run(flags + [f"--screenshot={shot}", url], capture_output=True, text=True, timeout=180)
    # A close-up of the title hotspot's panel, from where a visitor stands to read it.
    panel = os.path.join(work, "panel.png")
    subprocess.run(flags + [f"--screenshot={panel}", url + "?focus=hotspot-title"], capture_output=True, text=True, timeout=180)

    def summary(path):
        data = open(path, "rb").read()
        pos, idat = 8, b""
        while pos < len(data):
            size, kind = struct.unpack(">I4s", data[pos:pos + 8]); body = data[pos + 8:pos + 8 + size]
            if kind == b"IHDR": width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            if kind == b"IDAT": idat += body
            pos += 12 + size
        channels = {2: 3, 6: 4}[colour]; raw = zlib.decompress(idat); stride = width * channels
        counts, prev, i = {}, bytearray(stride), 0
        for _ in range(height):
            f = raw[i]; line = bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
            for x in range(stride):
                a = line[x - channels] if x >= channels else 0; b = prev[x]; c = prev[x - channels] if x >= channels else 0
                p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (0, a, b, (a + b) // 2, a if pa <= pb and pa <= pc else (b if pb <= pc else c))[f]) & 255
            for x in range(0, stride, channels):
                key = bytes(line[x:x + 3]); counts[key] = counts.get(key, 0) + 1
            prev = line
        return width, height, len(counts), max(counts.values()) / (width * height)

    width, height, colours, dominant = summary(shot) if os.path.exists(shot) else (0, 0, 0, 1.0)
    _, _, panel_colours, panel_dominant = summary(panel) if os.path.exists(panel) else (0, 0, 0, 1.0)
    result = {"scene": scene["id"], "state": status.get("state"), "errors": status.get("errors"), "three": status.get("three"),
              "meshes": status.get("meshes"), "expectedMeshes": expected_meshes, "markers": status.get("markers"),
              "expectedMarkers": expected_markers, "hotspots": status.get("hotspots"), "characters": status.get("characters"),
              "texturedMaterials": status.get("texturedMaterials"), "expectedTexturedMaterials": expected_textured,
              "screenshot": {"width": width, "height": height, "colours": colours, "dominantShare": round(dominant, 3)},
              "panelScreenshot": {"colours": panel_colours, "dominantShare": round(panel_dominant, 3)},
              "audio": status.get("audio"), "expectedEmitters": expected_emitters}
    print("viewer test:", json.dumps(result))
    failures = []
    if status.get("state") != "loaded": failures.append("the scene did not load")
    if status.get("errors"): failures.append("errors on the page")
    if status.get("meshes") != expected_meshes: failures.append("mesh count differs from the GLB")
    if status.get("markers") != expected_markers or expected_markers == 0: failures.append("marker count differs from the GLB")
    if colours < 50 or dominant > 0.9: failures.append("the screenshot is blank")
    if expected_textured == 0 or status.get("texturedMaterials") != expected_textured: failures.append("textured materials differ from the GLB")
    if panel_colours < 50 or panel_dominant > 0.9: failures.append("the hotspot panel close-up is uniform")
    audio = status.get("audio") or {}
    if expected_emitters == 0 or audio.get("emitters") != expected_emitters: failures.append("audio emitters differ from the GLB")
    if audio.get("state") != "playing" or audio.get("playing") != expected_emitters or abs(audio.get("seconds", 0) - 20) > 0.1:
        failures.append("the ambience did not play (decoded %s s)" % audio.get("seconds"))
    if failures:
        print("viewer test FAILED: " + "; ".join(failures)); sys.exit(1)
    print("viewer test passed")
finally:
    server.stop()
    keep = os.environ.get("VIEWER_TEST_KEEP")  # a PNG path; the panel close-up goes beside it as NAME-panel.png
    if keep:
        for name, target in (("viewer.png", keep), ("panel.png", keep[:-4] + "-panel.png" if keep.endswith(".png") else keep + "-panel")):
            if os.path.exists(os.path.join(work, name)): shutil.copy(os.path.join(work, name), target)
    shutil.rmtree(work, ignore_errors=True)
