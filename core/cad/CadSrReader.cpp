#include "CadSrReader.h"

#include "CadSrCodes.h"
#include "core/Error.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcsequen.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <map>
#include <memory>

namespace mammo::core::cad {
namespace {

constexpr double kPi = 3.14159265358979323846;

std::string text(DcmItem& item, const DcmTagKey& tag)
{
    OFString value;
    if (item.findAndGetOFStringArray(tag, value).bad())
        return {};
    return value.c_str();
}

struct CodeValue {
    std::string value;
    std::string scheme;
    std::string meaning;
    bool is(const codes::Code& code) const { return value == code.value && scheme == code.scheme; }
};

CodeValue readCode(DcmItem& item, const DcmTagKey& sequence)
{
    DcmItem* codeItem = nullptr;
    if (item.findAndGetSequenceItem(sequence, codeItem, 0).bad() || !codeItem)
        return {};
    return {text(*codeItem, DCM_CodeValue), text(*codeItem, DCM_CodingSchemeDesignator),
            text(*codeItem, DCM_CodeMeaning)};
}

// One content item of the SR tree as stored in the dataset.
struct Node {
    DcmItem* item = nullptr;
    Node* parent = nullptr;
    std::string position;          // "1.2.3", as Referenced Content Item Identifier counts
    std::string valueType;
    std::string relationship;
    CodeValue conceptName;
    std::string referencedPosition;   // by-reference item: the target's position
    std::vector<std::unique_ptr<Node>> children;
};

void buildTree(Node& node, std::map<std::string, Node*>& index, int depth)
{
    index[node.position] = &node;
    DcmSequenceOfItems* content = nullptr;
    // Depth guard against a malicious or corrupt file; real reports are far shallower.
    if (depth > 64 || node.item->findAndGetSequence(DCM_ContentSequence, content).bad() || !content)
        return;
    for (unsigned long i = 0; i < content->card(); ++i) {
        auto child = std::make_unique<Node>();
        child->item = content->getItem(i);
        child->parent = &node;
        child->position = node.position + "." + std::to_string(i + 1);
        child->valueType = text(*child->item, DCM_ValueType);
        child->relationship = text(*child->item, DCM_RelationshipType);
        child->conceptName = readCode(*child->item, DCM_ConceptNameCodeSequence);
        const std::string reference = text(*child->item, DCM_ReferencedContentItemIdentifier);
        if (!reference.empty()) {
            std::string position = reference;
            std::replace(position.begin(), position.end(), '\\', '.');
            child->referencedPosition = position;
        }
        buildTree(*child, index, depth + 1);
        node.children.push_back(std::move(child));
    }
}

std::string imageUid(const Node& node)
{
    DcmItem* reference = nullptr;
    if (node.valueType != "IMAGE" || node.item->findAndGetSequenceItem(DCM_ReferencedSOPSequence, reference, 0).bad()
        || !reference)
        return {};
    return text(*reference, DCM_ReferencedSOPInstanceUID);
}

// A NUM item's value as a fraction: percentages are divided by 100.
std::optional<double> fraction(const Node& node)
{
    DcmItem* measured = nullptr;
    if (node.item->findAndGetSequenceItem(DCM_MeasuredValueSequence, measured, 0).bad() || !measured)
        return std::nullopt;
    const std::string number = text(*measured, DCM_NumericValue);
    char* end = nullptr;
    const double value = std::strtod(number.c_str(), &end);
    if (number.empty() || end == number.c_str() || !std::isfinite(value))
        return std::nullopt;
    const CodeValue unit = readCode(*measured, DCM_MeasurementUnitsCodeSequence);
    const double result = unit.value == "%" ? value / 100.0 : value;
    if (result < 0.0 || result > 1.0)
        return std::nullopt;   // not a probability in any unit we know
    return result;
}

std::vector<ImagePoint> graphicPoints(const Node& node)
{
    std::vector<ImagePoint> points;
    DcmElement* element = nullptr;
    if (node.item->findAndGetElement(DCM_GraphicData, element).bad() || !element)
        return points;
    const unsigned long count = element->getVM();
    for (unsigned long i = 0; i + 1 < count; i += 2) {
        Float32 x = 0.0f, y = 0.0f;
        if (element->getFloat32(x, i).bad() || element->getFloat32(y, i + 1).bad())
            return {};
        points.push_back({double(x), double(y)});
    }
    return points;
}

std::vector<ImagePoint> curve(ImagePoint center, ImagePoint u, ImagePoint v, double a, double b, int vertices)
{
    std::vector<ImagePoint> polygon;
    for (int k = 0; k < vertices; ++k) {
        const double t = 2.0 * kPi * k / vertices;
        polygon.push_back({center.x + a * std::cos(t) * u.x + b * std::sin(t) * v.x,
                           center.y + a * std::cos(t) * u.y + b * std::sin(t) * v.y});
    }
    return polygon;
}

// An outline SCOORD as a polygon (no repeated closing vertex); empty when it is not an area.
std::vector<ImagePoint> outlinePolygon(const std::string& graphicType, std::vector<ImagePoint> points, int vertices)
{
    if (graphicType == "POLYLINE") {
        if (points.size() > 1 && points.front() == points.back())
            points.pop_back();
        return points.size() >= 3 ? points : std::vector<ImagePoint>{};
    }
    if (graphicType == "CIRCLE" && points.size() == 2) {
        const double r = std::hypot(points[1].x - points[0].x, points[1].y - points[0].y);
        return r > 0.0 ? curve(points[0], {1.0, 0.0}, {0.0, 1.0}, r, r, vertices) : std::vector<ImagePoint>{};
    }
    if (graphicType == "ELLIPSE" && points.size() == 4) {
        const ImagePoint center{(points[0].x + points[1].x) / 2.0, (points[0].y + points[1].y) / 2.0};
        const double major = std::hypot(points[1].x - points[0].x, points[1].y - points[0].y);
        const double minor = std::hypot(points[3].x - points[2].x, points[3].y - points[2].y);
        if (major <= 0.0 || minor <= 0.0)
            return {};
        const ImagePoint u{(points[1].x - points[0].x) / major, (points[1].y - points[0].y) / major};
        return curve(center, u, {-u.y, u.x}, major / 2.0, minor / 2.0, vertices);
    }
    return {};
}

RenderingIntent intentFrom(const CodeValue& code)
{
    if (code.is(codes::kPresentationRequired))
        return RenderingIntent::PresentationRequired;
    if (code.is(codes::kPresentationOptional))
        return RenderingIntent::PresentationOptional;
    if (code.is(codes::kNotForPresentation))
        return RenderingIntent::NotForPresentation;
    return RenderingIntent::Unspecified;
}

std::string lowercase(std::string value)
{
    std::transform(value.begin(), value.end(), value.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return value;
}

class FindingParser {
public:
    FindingParser(const std::map<std::string, Node*>& index, const CadSrReadOptions& options)
        : m_index(index), m_options(options)
    {
    }

    std::optional<CadSrMark> parse(const Node& findingNode)
    {
        m_mark = CadSrMark{};
        m_center.reset();
        m_centerImage.clear();
        m_outlineImage.clear();
        m_mark.findingType = readCode(*findingNode.item, DCM_ConceptCodeSequence).meaning;
        collect(findingNode, 0);
        // The finding's own Rendering Intent, else the nearest container's (TID 4003).
        for (const Node* n = findingNode.parent; n && m_mark.intent == RenderingIntent::Unspecified; n = n->parent)
            for (const auto& child : n->children)
                if (child->relationship == "HAS CONCEPT MOD" && child->conceptName.is(codes::kRenderingIntent))
                    m_mark.intent = intentFrom(readCode(*child->item, DCM_ConceptCodeSequence));

        Finding& finding = m_mark.finding;
        finding.sopInstanceUid = !m_outlineImage.empty() ? m_outlineImage : m_centerImage;
        if (finding.sopInstanceUid.empty() || (finding.contour.empty() && !m_center))
            return std::nullopt;
        if (!finding.contour.empty()) {
            double minX = finding.contour[0].x, maxX = minX, minY = finding.contour[0].y, maxY = minY;
            for (const ImagePoint& p : finding.contour) {
                minX = std::min(minX, p.x);
                maxX = std::max(maxX, p.x);
                minY = std::min(minY, p.y);
                maxY = std::max(maxY, p.y);
            }
            finding.box = {minX, minY, maxX - minX, maxY - minY};
            m_mark.hasOutline = true;
        } else {
            finding.box = {m_center->x, m_center->y, 0.0, 0.0};
        }
        finding.score = m_mark.certainty.value_or(0.0);
        finding.label = lowercase(m_mark.findingType.empty() ? "finding" : m_mark.findingType);
        return m_mark;
    }

private:
    const Node* resolve(const Node& node) const
    {
        if (node.referencedPosition.empty())
            return &node;
        const auto it = m_index.find(node.referencedPosition);
        return it == m_index.end() ? nullptr : it->second;
    }

    // The image a SCOORD is SELECTED FROM: an IMAGE child, or one it references.
    std::string selectedImage(const Node& scoord) const
    {
        for (const auto& child : scoord.children) {
            if (child->relationship != "SELECTED FROM")
                continue;
            const Node* target = resolve(*child);
            if (target) {
                const std::string uid = imageUid(*target);
                if (!uid.empty())
                    return uid;
            }
        }
        return {};
    }

    void takeScoord(const Node& node)
    {
        const std::string graphicType = text(*node.item, DCM_GraphicType);
        const std::vector<ImagePoint> points = graphicPoints(node);
        if (points.empty())
            return;
        const std::string image = selectedImage(node);
        const bool isCenter = node.conceptName.is(codes::kCenter)
                              || (node.conceptName.value.empty() && graphicType == "POINT");
        if (isCenter) {
            if (!m_center) {
                m_center = points.front();
                m_centerImage = image;
            }
            return;
        }
        if (!m_mark.finding.contour.empty())
            return;
        std::vector<ImagePoint> polygon = outlinePolygon(graphicType, points, m_options.curveVertices);
        if (!polygon.empty()) {
            m_mark.finding.contour = std::move(polygon);
            m_outlineImage = image;
        }
    }

    // The finding's own properties: its descendants up to (not into) other findings and features.
    void collect(const Node& node, int depth)
    {
        if (depth > 16)
            return;
        for (const auto& child : node.children) {
            const Node* target = resolve(*child);
            if (!target || target->conceptName.is(codes::kSingleImageFinding)
                || target->conceptName.is(codes::kCompositeFeature))
                continue;
            if (child->relationship == "HAS CONCEPT MOD" && target->conceptName.is(codes::kRenderingIntent)) {
                m_mark.intent = intentFrom(readCode(*target->item, DCM_ConceptCodeSequence));
                continue;
            }
            if (target->valueType == "NUM" && target->conceptName.is(codes::kCertaintyOfFinding))
                m_mark.certainty = fraction(*target);
            else if (target->valueType == "NUM" && target->conceptName.is(codes::kProbabilityOfCancer))
                m_mark.finding.malignancy = fraction(*target);
            else if (target->valueType == "TEXT" && target->conceptName.is(codes::kAlgorithmName))
                m_mark.algorithmName = text(*target->item, DCM_TextValue);
            else if (target->valueType == "SCOORD")
                takeScoord(*target);
            if (target == child.get())   // by-reference targets are taken, not walked
                collect(*child, depth + 1);
        }
    }

    const std::map<std::string, Node*>& m_index;
    const CadSrReadOptions& m_options;
    CadSrMark m_mark;
    std::optional<ImagePoint> m_center;
    std::string m_centerImage;
    std::string m_outlineImage;
};

void findFindings(const Node& node, std::vector<const Node*>& found)
{
    for (const auto& child : node.children) {
        if (child->referencedPosition.empty() && child->conceptName.is(codes::kSingleImageFinding))
            found.push_back(child.get());
        findFindings(*child, found);
    }
}

} // namespace

CadSrReader::CadSrReader(CadSrReadOptions options) : m_options(options)
{
    m_options.curveVertices = std::clamp(m_options.curveVertices, 8, 4096);
}

CadSrContent CadSrReader::read(const std::string& path) const
{
    DcmFileFormat file;
    const OFCondition loaded = file.loadFile(path.c_str());
    if (loaded.bad())
        throw Error("Cannot read \"" + path + "\" as a DICOM file: " + loaded.text());
    DcmDataset& dataset = *file.getDataset();
    const std::string sopClass = text(dataset, DCM_SOPClassUID);
    if (sopClass.rfind(codes::kSrSopClassPrefix, 0) != 0 || !dataset.tagExists(DCM_ContentSequence))
        throw Error("\"" + path + "\" is not a DICOM structured report (SOP Class "
                    + (sopClass.empty() ? std::string("missing") : sopClass) + "), so it holds no CAD findings.");

    CadSrContent content;
    content.sopInstanceUid = text(dataset, DCM_SOPInstanceUID);
    content.studyInstanceUid = text(dataset, DCM_StudyInstanceUID);
    content.manufacturer = text(dataset, DCM_Manufacturer);
    content.mammographyCadSr = sopClass == codes::kMammographyCadSrStorage;

    Node root;
    root.item = &dataset;
    root.position = "1";
    root.valueType = text(dataset, DCM_ValueType);
    root.conceptName = readCode(dataset, DCM_ConceptNameCodeSequence);
    std::map<std::string, Node*> index;
    buildTree(root, index, 0);

    std::vector<const Node*> findingNodes;
    findFindings(root, findingNodes);
    FindingParser parser(index, m_options);
    for (const Node* node : findingNodes) {
        std::optional<CadSrMark> mark = parser.parse(*node);
        if (mark)
            content.marks.push_back(std::move(*mark));
        else
            ++content.findingsWithoutLocation;
    }
    return content;
}

std::vector<Finding> CadSrReader::readFindings(const std::string& path) const
{
    std::vector<Finding> findings;
    for (CadSrMark& mark : read(path).marks)
        if (m_options.includeNotForPresentation || mark.intent != RenderingIntent::NotForPresentation)
            findings.push_back(std::move(mark.finding));
    return findings;
}

} // namespace mammo::core::cad
