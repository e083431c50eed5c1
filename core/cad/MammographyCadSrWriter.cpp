#include "MammographyCadSrWriter.h"

#include "CadSrCodes.h"
#include "core/AtomicFileSave.h"
#include "core/Error.h"
#include "core/ViewCodes.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmsr/dsrdoc.h>
#include <dcmtk/dcmsr/dsrimgtn.h>
#include <dcmtk/dcmsr/dsrscotn.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

namespace mammo::core::cad {
namespace {

DSRCodedEntryValue coded(const codes::Code& code)
{
    return DSRCodedEntryValue(code.value, code.scheme, code.meaning);
}

void check(const OFCondition& condition, const std::string& what)
{
    if (condition.bad())
        throw Error("Cannot write the CAD report (" + what + "): " + condition.text());
}

// A number as a Decimal String (at most 16 characters) without trailing zeros.
std::string decimal(double value, int decimals)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    std::string text = buffer;
    if (text.find('.') != std::string::npos) {
        text.erase(text.find_last_not_of('0') + 1);
        if (text.back() == '.')
            text.pop_back();
    }
    if (text == "-0")
        text = "0";
    return text.size() <= 16 ? text : text.substr(0, 16);
}

// Content Date/Time of the image file, which TID 4020 restates when the image has them.
struct ContentStamp {
    std::string date;
    std::string time;
};
ContentStamp readContentStamp(const std::string& path)
{
    ContentStamp stamp;
    std::error_code error;
    if (path.empty() || !std::filesystem::is_regular_file(path, error))
        return stamp;
    DcmFileFormat file;
    // Header only: stop before large values such as the pixel data.
    if (file.loadFile(path.c_str(), EXS_Unknown, EGL_noChange, 1024).bad())
        return stamp;
    OFString value;
    if (file.getDataset()->findAndGetOFString(DCM_ContentDate, value).good())
        stamp.date = value.c_str();
    if (file.getDataset()->findAndGetOFString(DCM_ContentTime, value).good())
        stamp.time = value.c_str();
    return stamp;
}

// Centre of area of a closed polygon; the mean of its vertices when it has no area.
ImagePoint centroid(const std::vector<ImagePoint>& polygon)
{
    double area = 0.0, cx = 0.0, cy = 0.0;
    for (std::size_t i = 0; i < polygon.size(); ++i) {
        const ImagePoint& a = polygon[i];
        const ImagePoint& b = polygon[(i + 1) % polygon.size()];
        const double cross = a.x * b.y - b.x * a.y;
        area += cross;
        cx += (a.x + b.x) * cross;
        cy += (a.y + b.y) * cross;
    }
    if (std::abs(area) > 1e-9)
        return {cx / (3.0 * area), cy / (3.0 * area)};
    ImagePoint mean;
    for (const ImagePoint& p : polygon) {
        mean.x += p.x / double(polygon.size());
        mean.y += p.y / double(polygon.size());
    }
    return mean;
}

// Adds content items under a given parent through DCMTK's tree cursor, which
// runs the Mammography CAD SR IOD relationship checks on every addition.
class TreeBuilder {
public:
    explicit TreeBuilder(DSRDocumentTree& tree) : m_tree(tree) {}

    size_t add(size_t parent, DSRTypes::E_RelationshipType relation, DSRTypes::E_ValueType type,
               const codes::Code& conceptName)
    {
        DSRContentItem& item = addUnnamed(parent, relation, type);
        check(item.setConceptName(coded(conceptName)), conceptName.meaning);
        return m_tree.getNodeID();
    }
    DSRContentItem& addUnnamed(size_t parent, DSRTypes::E_RelationshipType relation, DSRTypes::E_ValueType type)
    {
        if (m_tree.gotoNode(parent) == 0)
            throw Error("Cannot write the CAD report: internal content tree error.");
        if (m_tree.addContentItem(relation, type, DSRTypes::AM_belowCurrent) == 0)
            throw Error(std::string("Cannot write the CAD report: a ") + DSRTypes::valueTypeToDefinedTerm(type)
                        + " item is not allowed here by the Mammography CAD SR IOD.");
        return m_tree.getCurrentContentItem();
    }
    size_t code(size_t parent, DSRTypes::E_RelationshipType relation, const codes::Code& name, const codes::Code& value)
    {
        const size_t id = add(parent, relation, DSRTypes::VT_Code, name);
        check(m_tree.getCurrentContentItem().setCodeValue(coded(value)), name.meaning);
        return id;
    }
    size_t code(size_t parent, DSRTypes::E_RelationshipType relation, const codes::Code& name, const CodedConcept& value)
    {
        const size_t id = add(parent, relation, DSRTypes::VT_Code, name);
        check(m_tree.getCurrentContentItem().setCodeValue(
                  DSRCodedEntryValue(value.value.c_str(), value.scheme.c_str(), value.meaning.c_str())),
              name.meaning);
        return id;
    }
    size_t string(size_t parent, DSRTypes::E_RelationshipType relation, DSRTypes::E_ValueType type,
                  const codes::Code& name, const std::string& value)
    {
        const size_t id = add(parent, relation, type, name);
        check(m_tree.getCurrentContentItem().setStringValue(value.c_str()), name.meaning);
        return id;
    }
    size_t number(size_t parent, DSRTypes::E_RelationshipType relation, const codes::Code& name, double value,
                  int decimals, const codes::Code& unit)
    {
        const size_t id = add(parent, relation, DSRTypes::VT_Num, name);
        const DSRNumericMeasurementValue measurement(decimal(value, decimals).c_str(), coded(unit));
        check(m_tree.getCurrentContentItem().setNumericValue(measurement), name.meaning);
        return id;
    }
    size_t scoord(size_t parent, const codes::Code& name, DSRTypes::E_GraphicType graphicType,
                  const std::vector<ImagePoint>& points, size_t imageNode)
    {
        const size_t id = add(parent, DSRTypes::RT_hasProperties, DSRTypes::VT_SCoord, name);
        DSRSpatialCoordinatesValue value(graphicType);
        for (const ImagePoint& p : points)
            value.getGraphicDataList().addItem(Float32(p.x), Float32(p.y));
        check(m_tree.getCurrentContentItem().setSpatialCoordinates(value), name.meaning);
        // TID 4021: the coordinates are SELECTED FROM the image's Image Library entry, by reference.
        if (m_tree.addByReferenceRelationship(DSRTypes::RT_selectedFrom, imageNode) == 0)
            throw Error("Cannot write the CAD report: the outline cannot reference its image.");
        return id;
    }
    void reference(size_t parent, DSRTypes::E_RelationshipType relation, size_t target)
    {
        if (m_tree.gotoNode(parent) == 0 || m_tree.addByReferenceRelationship(relation, target) == 0)
            throw Error("Cannot write the CAD report: a by-reference relationship is not allowed.");
    }

private:
    DSRDocumentTree& m_tree;
};

const codes::Code& lateralityCode(Laterality laterality)
{
    switch (laterality) {
    case Laterality::Right: return codes::kRightBreast;
    case Laterality::Left: return codes::kLeftBreast;
    case Laterality::Both: return codes::kBothBreasts;
    case Laterality::Unknown: break;
    }
    throw Error("An image of the CAD report has no Image Laterality.");
}

void validate(const std::vector<ImageAttributes>& images, const std::vector<Finding>& findings)
{
    if (images.empty())
        throw Error("A CAD report needs the images that were processed.");
    std::set<std::string> uids;
    for (const ImageAttributes& image : images) {
        if (image.sopInstanceUid.empty() || image.sopClassUid.empty())
            throw Error("An image of the CAD report has no SOP Instance or SOP Class UID.");
        if (image.studyInstanceUid != images.front().studyInstanceUid)
            throw Error("A CAD report covers the images of one study; these images come from several.");
        if (image.patientId != images.front().patientId)
            throw Error("A CAD report covers the images of one patient; these images come from several.");
        if (!uids.insert(image.sopInstanceUid).second)
            throw Error("An image is listed twice for the CAD report.");
    }
    for (const Finding& finding : findings) {
        if (!uids.count(finding.sopInstanceUid))
            throw Error("A finding refers to an image that is not among the processed images.");
        if (!std::isfinite(finding.score) || finding.score < 0.0 || finding.score > 1.0)
            throw Error("A finding's detection score is outside [0, 1].");
        if (finding.malignancy && (!std::isfinite(*finding.malignancy) || *finding.malignancy < 0.0
                                   || *finding.malignancy > 1.0))
            throw Error("A finding's malignancy probability is outside [0, 1].");
    }
}

} // namespace

MammographyCadSrWriter::MammographyCadSrWriter(CadSrOptions options) : m_options(std::move(options))
{
    if (m_options.algorithmName.empty() || m_options.algorithmVersion.empty())
        throw Error("A CAD report needs the algorithm's name and version.");
    if (m_options.manufacturer.empty())
        throw Error("A CAD report needs the manufacturer of the CAD software.");
}

CadSrWriteResult MammographyCadSrWriter::write(const std::vector<ImageAttributes>& images,
                                               const std::vector<Finding>& findings, const std::string& path) const
{
    validate(images, findings);
    std::vector<const Finding*> cadFindings;
    CadSrWriteResult result;
    for (const Finding& finding : findings) {
        if (finding.drawnByReader)
            ++result.readerRegionsSkipped;
        else
            cadFindings.push_back(&finding);
    }

    DSRDocument document(DSRTypes::DT_MammographyCadSR);
    const ImageAttributes& first = images.front();
    check(document.setPatientName(first.patientName.c_str()), "Patient's Name");
    check(document.setPatientID(first.patientId.c_str()), "Patient ID");
    check(document.setPatientBirthDate(first.patientBirthDate.c_str()), "Patient's Birth Date");
    check(document.setPatientSex(first.patientSex.c_str()), "Patient's Sex");
    check(document.createNewSeriesInStudy(first.studyInstanceUid.c_str()), "Study Instance UID");
    check(document.setStudyDate(first.studyDate.c_str()), "Study Date");
    check(document.setStudyTime(first.studyTime.c_str()), "Study Time");
    check(document.setAccessionNumber(first.accessionNumber.c_str()), "Accession Number");
    if (!first.studyDescription.empty())
        check(document.setStudyDescription(first.studyDescription.c_str()), "Study Description");
    check(document.setSeriesDescription("Computer-aided detection (CAD), decision support only"),
          "Series Description");
    check(document.setSeriesNumber(std::to_string(m_options.seriesNumber).c_str()), "Series Number");
    check(document.setInstanceNumber(std::to_string(m_options.instanceNumber).c_str()), "Instance Number");
    check(document.setManufacturer(m_options.manufacturer.c_str()), "Manufacturer");
    if (!m_options.modelName.empty())
        check(document.setManufacturerModelName(m_options.modelName.c_str()), "Manufacturer's Model Name");
    if (!m_options.softwareVersions.empty())
        check(document.setSoftwareVersions(m_options.softwareVersions.c_str()), "Software Versions");
    // Declare UTF-8 only when needed: plain ASCII is the default repertoire.
    const std::string texts = first.patientName + first.patientId + first.studyDescription + first.accessionNumber
                              + m_options.manufacturer + m_options.modelName + m_options.softwareVersions
                              + m_options.algorithmName + m_options.algorithmVersion;
    const bool ascii = std::all_of(texts.begin(), texts.end(), [](char c) { return (unsigned char)c < 0x80; });
    if (!ascii && document.setSpecificCharacterSetType(DSRTypes::CS_UTF8).bad())
        throw Error("Cannot write the CAD report: no UTF-8 character set.");

    DSRDocumentTree& tree = document.getTree();
    TreeBuilder out(tree);
    using T = DSRTypes;

    // TID 4000 row 1
    if (tree.addContentItem(T::RT_isRoot, T::VT_Container) == 0)
        throw Error("Cannot write the CAD report: no root container.");
    const size_t root = tree.getNodeID();
    check(tree.getCurrentContentItem().setConceptName(coded(codes::kMammographyCadReport)), "document title");
    check(tree.getCurrentContentItem().setTemplateIdentification("4000", "DCMR"), "template identification");
    // TID 1204
    out.code(root, T::RT_hasConceptMod, codes::kLanguageOfContent, codes::kEnglish);

    // TID 4020, one entry per processed image
    const size_t library = out.add(root, T::RT_contains, T::VT_Container, codes::kImageLibrary);
    std::map<std::string, size_t> imageNodes;
    for (const ImageAttributes& image : images) {
        DSRContentItem& item = out.addUnnamed(library, T::RT_contains, T::VT_Image);
        check(item.setImageReference(DSRImageReferenceValue(image.sopClassUid.c_str(), image.sopInstanceUid.c_str())),
              "image reference");
        const size_t node = tree.getNodeID();
        imageNodes[image.sopInstanceUid] = node;
        out.code(node, T::RT_hasAcqContext, codes::kImageLaterality, lateralityCode(image.laterality));
        const CodedConcept view = viewCode(image.view);
        if (!view.value.empty())
            out.code(node, T::RT_hasAcqContext, codes::kImageView, view);
        if (image.patientOrientation.size() == 2) {
            out.string(node, T::RT_hasAcqContext, T::VT_Text, codes::kPatientOrientationRow, image.patientOrientation[0]);
            out.string(node, T::RT_hasAcqContext, T::VT_Text, codes::kPatientOrientationColumn,
                       image.patientOrientation[1]);
        }
        if (!image.studyDate.empty())
            out.string(node, T::RT_hasAcqContext, T::VT_Date, codes::kStudyDate, image.studyDate);
        if (!image.studyTime.empty())
            out.string(node, T::RT_hasAcqContext, T::VT_Time, codes::kStudyTime, image.studyTime);
        const ContentStamp stamp = readContentStamp(image.filePath);
        if (!stamp.date.empty())
            out.string(node, T::RT_hasAcqContext, T::VT_Date, codes::kContentDate, stamp.date);
        if (!stamp.time.empty())
            out.string(node, T::RT_hasAcqContext, T::VT_Time, codes::kContentTime, stamp.time);
        const std::optional<Spacing> spacing = image.pixelSpacing ? image.pixelSpacing : image.imagerPixelSpacing;
        if (spacing) {
            out.number(node, T::RT_hasAcqContext, codes::kHorizontalPixelSpacing, spacing->columnMm, 6,
                       codes::kMillimeter);
            out.number(node, T::RT_hasAcqContext, codes::kVerticalPixelSpacing, spacing->rowMm, 6, codes::kMillimeter);
        }
        check(document.getCurrentRequestedProcedureEvidence().addItem(
                  image.studyInstanceUid.c_str(), image.seriesInstanceUid.c_str(), image.sopClassUid.c_str(),
                  image.sopInstanceUid.c_str()),
              "evidence");
    }

    // TID 4001: the overall summary, inferred from one Individual Impression (TID 4003) per finding
    const size_t summary = out.code(root, T::RT_contains, codes::kCadProcessingAndFindingsSummary,
                                    cadFindings.empty() ? codes::kAllSucceededWithoutFindings
                                                        : codes::kAllSucceededWithFindings);
    for (const Finding* finding : cadFindings) {
        const codes::Code& intent = finding->score >= m_options.presentationRequiredScore
                                        ? codes::kPresentationRequired
                                        : codes::kPresentationOptional;
        const size_t impression = out.add(summary, T::RT_inferredFrom, T::VT_Container, codes::kIndividualImpression);
        out.code(impression, T::RT_hasConceptMod, codes::kRenderingIntent, intent);
        // TID 4006
        const size_t single = out.code(impression, T::RT_contains, codes::kSingleImageFinding, codes::kMass);
        out.code(single, T::RT_hasConceptMod, codes::kRenderingIntent, intent);
        out.string(single, T::RT_hasProperties, T::VT_Text, codes::kAlgorithmName, m_options.algorithmName);
        out.string(single, T::RT_hasProperties, T::VT_Text, codes::kAlgorithmVersion, m_options.algorithmVersion);
        out.number(single, T::RT_hasProperties, codes::kCertaintyOfFinding, finding->score * 100.0, 4,
                   codes::kPercent);
        if (finding->malignancy)
            out.number(single, T::RT_hasProperties, codes::kProbabilityOfCancer, *finding->malignancy * 100.0, 4,
                       codes::kPercent);
        // TID 4021
        const size_t imageNode = imageNodes.at(finding->sopInstanceUid);
        std::vector<ImagePoint> outline = finding->contour;
        if (outline.size() < 3 && finding->box.width > 0.0 && finding->box.height > 0.0) {
            const ImageBox& b = finding->box;
            outline = {{b.x, b.y}, {b.x + b.width, b.y}, {b.x + b.width, b.y + b.height}, {b.x, b.y + b.height}};
        }
        const ImagePoint center = outline.size() >= 3
                                      ? centroid(outline)
                                      : ImagePoint{finding->box.x + finding->box.width / 2.0,
                                                   finding->box.y + finding->box.height / 2.0};
        out.scoord(single, codes::kCenter, T::GT_Point, {center}, imageNode);
        if (outline.size() >= 3) {
            outline.push_back(outline.front());   // a POLYLINE is closed when its last vertex repeats the first
            out.scoord(single, codes::kOutline, T::GT_Polyline, outline, imageNode);
        }
        ++result.findingsWritten;
    }

    // TID 4000 rows 6-9, TID 4015/4017: mass detection ran on every image and succeeded
    const size_t detections = out.code(root, T::RT_contains, codes::kSummaryOfDetections, codes::kSucceeded);
    const size_t successful = out.add(detections, T::RT_inferredFrom, T::VT_Container, codes::kSuccessfulDetections);
    const size_t performed = out.code(successful, T::RT_contains, codes::kDetectionPerformed, codes::kMass);
    out.string(performed, T::RT_hasProperties, T::VT_Text, codes::kAlgorithmName, m_options.algorithmName);
    out.string(performed, T::RT_hasProperties, T::VT_Text, codes::kAlgorithmVersion, m_options.algorithmVersion);
    for (const ImageAttributes& image : images)
        out.reference(performed, T::RT_hasProperties, imageNodes.at(image.sopInstanceUid));
    out.code(root, T::RT_contains, codes::kSummaryOfAnalyses, codes::kNotAttempted);

    // The CAD output is whole (COMPLETE) but nobody has attested it (UNVERIFIED).
    check(document.completeDocument(), "Completion Flag");

    DcmFileFormat file;
    check(document.write(*file.getDataset()), "content");
    OFString value;
    document.getSOPInstanceUID(value);
    result.sopInstanceUid = value.c_str();
    document.getSeriesInstanceUID(value);
    result.seriesInstanceUid = value.c_str();

    saveAtomically(path, "CAD report", [&](const char* partial) { return file.saveFile(partial, EXS_LittleEndianExplicit); });
    return result;
}

} // namespace mammo::core::cad
