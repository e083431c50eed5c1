"""What the model-publishing scripts share: file digests and the manifest file."""
import hashlib
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "resources" / "models"
SPLIT = "resources/splits/mias-5fold.json"


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def read_manifest():
    path = MODELS / "manifest.json"
    return json.loads(path.read_text()) if path.exists() else {}


def write_manifest(manifest):
    MODELS.mkdir(parents=True, exist_ok=True)
    (MODELS / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
