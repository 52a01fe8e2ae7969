"""schemathesis hooks for scripts/api-fuzz: glTF JSON is JSON, so validate it like JSON."""
import json

import schemathesis


@schemathesis.deserializer("model/gltf+json")
def deserialize_gltf(ctx, response):
    return json.loads(response.content)
