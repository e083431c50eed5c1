#pragma once
// resources/models/manifest.json: every trained model with its file, SHA-256,
// configuration, training command, data split and measured metrics. A model
// is only loaded after its file matches the recorded SHA-256.
#include <nlohmann/json.hpp>

#include <string>

namespace mammo::ai {

std::string sha256OfFile(const std::string& path);   // lowercase hex; throws core::Error

// Where the models are: $MAMMO_MODELS_DIR, else EXE_DIR/../share/mammoscope/models
// when it holds a manifest (installed), else SOURCE_DIR/resources/models (a build tree).
std::string findModelsDirectory(const std::string& executableDirectory, const std::string& sourceDirectory);

class ModelManifest {
public:
    // DIR/manifest.json; throws core::Error when missing or malformed.
    static ModelManifest read(const std::string& modelsDirectory);

    bool contains(const std::string& name) const;
    const nlohmann::json& entry(const std::string& name) const;   // throws core::Error naming the model
    // The model's file after checking its SHA-256; throws core::Error on a
    // missing file or a mismatch (a damaged or replaced model).
    std::string verifiedPath(const std::string& name) const;

    const nlohmann::json& json() const { return m_json; }
    const std::string& directory() const { return m_directory; }

private:
    std::string m_directory;
    nlohmann::json m_json;
};

} // namespace mammo::ai
