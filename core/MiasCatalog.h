#pragma once
#include "ImageAttributes.h"

#include <optional>
#include <string>
#include <vector>

namespace mammo::core {

// The mini-MIAS database (Suckling et al. 1994): 322 film mammograms (MLO),
// 1024 x 1024 pixels of 0.2 mm, with the ground truth of its Info.txt.
inline constexpr int kMiasImageSize = 1024;
inline constexpr double kMiasPixelSpacingMm = 0.2;

enum class MiasTissue { Fatty, FattyGlandular, DenseGlandular };

enum class MiasClass {
    Calcification,             // CALC
    CircumscribedMass,         // CIRC
    SpiculatedMass,            // SPIC
    IllDefinedMass,            // MISC
    ArchitecturalDistortion,   // ARCH
    Asymmetry,                 // ASYM
    Normal                     // NORM
};

enum class MiasSeverity { None, Benign, Malignant };

// A circle enclosing an abnormality, in image pixels with the origin at the
// top-left corner (Info.txt counts y from the bottom; the catalogue flips it).
struct MiasCircle {
    int x = 0;
    int y = 0;
    int radius = 0;
};

// One row of Info.txt.
struct MiasAbnormality {
    MiasClass abnormalityClass = MiasClass::Normal;
    MiasSeverity severity = MiasSeverity::None;
    std::optional<MiasCircle> circle;   // absent when Info.txt gives no coordinates
};

// One image with all its rows.
struct MiasImage {
    std::string reference;      // "mdb001"
    int number = 0;             // 1
    MiasTissue tissue = MiasTissue::Fatty;
    MiasClass imageClass = MiasClass::Normal;         // the class of its first row
    MiasSeverity severity = MiasSeverity::None;       // the worst over its rows
    std::vector<MiasAbnormality> abnormalities;       // empty for NORM images
    Laterality laterality = Laterality::Unknown;      // even numbers left, odd right
    int patientNumber = 0;                            // mdb001 + mdb002 -> 1

    bool isNormal() const { return imageClass == MiasClass::Normal; }
    bool hasMass() const;   // CIRC, SPIC or MISC
    std::string fileName() const { return reference + ".png"; }
};

// Info.txt parsed. Rows for the same image are merged into one MiasImage.
class MiasCatalog {
public:
    // Throws Error when the file cannot be read or a row is malformed.
    static MiasCatalog fromInfoFile(const std::string& infoTxtPath);
    static MiasCatalog fromDirectory(const std::string& datasetDirectory);   // DIR/Info.txt
    static MiasCatalog fromText(const std::string& infoText);

    const std::vector<MiasImage>& images() const { return m_images; }   // by number
    std::size_t size() const { return m_images.size(); }

    // nullptr when there is no such image.
    const MiasImage* find(const std::string& reference) const;
    // Throws Error naming the reference when there is no such image.
    const MiasImage& at(const std::string& reference) const;

    // The images of one patient (the pair), left before right as in the file.
    std::vector<const MiasImage*> patientImages(int patientNumber) const;

private:
    std::vector<MiasImage> m_images;
};

std::string miasClassCode(MiasClass value);         // "CIRC"
std::string miasClassName(MiasClass value);         // "circumscribed mass"
std::string miasSeverityCode(MiasSeverity value);   // "B", "M" or ""
std::string miasSeverityName(MiasSeverity value);   // "benign", "malignant" or "none"
std::string miasTissueCode(MiasTissue value);       // "F", "G" or "D"
bool isMiasMassClass(MiasClass value);

// Info.txt note 1: even file numbers are left breasts, odd are right; a pair is one woman.
Laterality miasLaterality(int imageNumber);
int miasPatientNumber(int imageNumber);
std::string miasReference(int imageNumber);         // 1 -> "mdb001"

// The dataset directory: $MAMMO_MIAS_DIR when set and not empty, else defaultDirectory.
std::string miasDatasetDirectory(const std::string& defaultDirectory);

} // namespace mammo::core
