#include "ModelManifest.h"

#include "core/Error.h"

#include <openssl/evp.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <vector>

namespace mammo::ai {

namespace fs = std::filesystem;

std::string sha256OfFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw core::Error("cannot read " + path);
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr);
    std::vector<char> buffer(1 << 16);
    while (in) {
        in.read(buffer.data(), std::streamsize(buffer.size()));
        EVP_DigestUpdate(context.get(), buffer.data(), std::size_t(in.gcount()));
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(context.get(), digest, &length);
    static const char* const hex = "0123456789abcdef";
    std::string text;
    for (unsigned int i = 0; i < length; ++i) {
        text += hex[digest[i] >> 4];
        text += hex[digest[i] & 15];
    }
    return text;
}

std::string findModelsDirectory(const std::string& executableDirectory, const std::string& sourceDirectory)
{
    if (const char* fromEnvironment = std::getenv("MAMMO_MODELS_DIR"); fromEnvironment && *fromEnvironment)
        return fromEnvironment;   // the user's choice wins, even when it is wrong: the error names it
    const auto installed = (fs::path(executableDirectory) / ".." / "share" / "mammoscope" / "models").lexically_normal();
    if (fs::exists(installed / "manifest.json"))
        return installed.string();
    return (fs::path(sourceDirectory) / "resources" / "models").string();
}

ModelManifest ModelManifest::read(const std::string& modelsDirectory)
{
    const auto path = fs::path(modelsDirectory) / "manifest.json";
    std::ifstream in(path);
    if (!in)
        throw core::Error("the model manifest " + path.string() + " is missing");
    ModelManifest manifest;
    manifest.m_directory = modelsDirectory;
    try {
        manifest.m_json = nlohmann::json::parse(in);
        if (!manifest.m_json.contains("models") || !manifest.m_json["models"].is_object())
            throw core::Error("the model manifest " + path.string() + " has no \"models\" object");
    } catch (const nlohmann::json::exception& error) {
        throw core::Error("the model manifest " + path.string() + " is malformed: " + error.what());
    }
    return manifest;
}

bool ModelManifest::contains(const std::string& name) const
{
    return m_json["models"].contains(name);
}

const nlohmann::json& ModelManifest::entry(const std::string& name) const
{
    if (!contains(name))
        throw core::Error("the model manifest lists no model \"" + name + "\"");
    return m_json["models"][name];
}

std::string ModelManifest::verifiedPath(const std::string& name) const
{
    const auto& model = entry(name);
    const auto file = (fs::path(m_directory) / model.value("file", "")).string();
    if (!fs::is_regular_file(file))
        throw core::Error("the model file " + file + " is missing");
    const auto expected = model.value("sha256", "");
    const auto actual = sha256OfFile(file);
    if (expected != actual)
        throw core::Error("the model file " + file + " does not match its SHA-256 in the manifest (damaged or replaced)");
    return file;
}

} // namespace mammo::ai
