#include "SegmentationWriter.h"

#include "PolygonRasterizer.h"
#include "core/AtomicFileSave.h"
#include "core/Error.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmfg/fgderimg.h>
#include <dcmtk/dcmfg/fgfracon.h>
#include <dcmtk/dcmfg/fgpixmsr.h>
#include <dcmtk/dcmiod/iodreferences.h>
#include <dcmtk/dcmiod/iodrules.h>
#include <dcmtk/dcmseg/segdoc.h>
#include <dcmtk/dcmseg/segment.h>

#include <cstdio>
#include <filesystem>
#include <memory>

namespace mammo::core::cad {
namespace {

void check(const OFCondition& condition, const std::string& what)
{
    if (condition.bad())
        throw Error("Cannot write the segmentation (" + what + "): " + condition.text());
}

std::string decimal(double value)
{
    for (int precision = 10; precision > 0; --precision) {
        char buffer[64];
        std::snprintf(buffer, sizeof buffer, "%.*g", precision, value);
        if (std::string(buffer).size() <= 16)
            return buffer;
    }
    return "0";
}

// Patient and study of an image that exists only as attributes.
void putSourceAttributes(DcmItem& item, const ImageAttributes& image)
{
    item.putAndInsertOFStringArray(DCM_PatientName, image.patientName.c_str());
    item.putAndInsertOFStringArray(DCM_PatientID, image.patientId.c_str());
    item.putAndInsertOFStringArray(DCM_PatientBirthDate, image.patientBirthDate.c_str());
    item.putAndInsertOFStringArray(DCM_PatientSex, image.patientSex.c_str());
    item.putAndInsertOFStringArray(DCM_StudyInstanceUID, image.studyInstanceUid.c_str());
    item.putAndInsertOFStringArray(DCM_StudyDate, image.studyDate.c_str());
    item.putAndInsertOFStringArray(DCM_StudyTime, image.studyTime.c_str());
    item.putAndInsertOFStringArray(DCM_AccessionNumber, image.accessionNumber.c_str());
    item.insertEmptyElement(DCM_ReferringPhysicianName);
    item.insertEmptyElement(DCM_StudyID);
}

} // namespace

SegmentationWriter::SegmentationWriter(SegmentationOptions options) : m_options(std::move(options))
{
    if (m_options.algorithmName.empty())
        throw Error("A segmentation of the assistant's findings needs the algorithm's name.");
    if (m_options.manufacturer.empty() || m_options.modelName.empty() || m_options.deviceSerialNumber.empty()
        || m_options.softwareVersions.empty())
        throw Error("A segmentation needs manufacturer, model name, device serial number and software versions.");
}

SegmentationWriteResult SegmentationWriter::write(const ImageAttributes& image, const std::vector<Finding>& findings,
                                                  const std::string& path) const
{
    if (image.rows <= 0 || image.columns <= 0 || image.rows > 65535 || image.columns > 65535)
        throw Error("Cannot segment an image of " + std::to_string(image.rows) + " x " + std::to_string(image.columns)
                    + " pixels.");
    if (image.sopInstanceUid.empty() || image.sopClassUid.empty() || image.studyInstanceUid.empty()
        || image.seriesInstanceUid.empty())
        throw Error("The segmented image has no SOP Instance, SOP Class, Study or Series UID.");

    SegmentationWriteResult result;
    struct Region {
        const Finding* finding;
        BinaryMask mask;
    };
    std::vector<Region> regions;
    for (const Finding& finding : findings) {
        if (finding.sopInstanceUid != image.sopInstanceUid)
            continue;
        BinaryMask mask = rasterizePolygon(findingOutline(finding), image.rows, image.columns);
        if (mask.count() == 0) {
            ++result.emptyRegionsSkipped;
            continue;
        }
        regions.push_back({&finding, std::move(mask)});
    }
    if (regions.empty())
        throw Error("No finding on this image has a region to segment.");

    const IODGeneralEquipmentModule::EquipmentInfo equipment(m_options.manufacturer.c_str(),
                                                             m_options.modelName.c_str(),
                                                             m_options.deviceSerialNumber.c_str(),
                                                             m_options.softwareVersions.c_str());
    const SegmentationWording& wording = m_options.wording;
    const ContentIdentificationMacro identification(std::to_string(m_options.instanceNumber).c_str(),
                                                    wording.contentLabel.c_str(),
                                                    wording.contentDescription.c_str(), "");
    DcmSegmentation* created = nullptr;
    check(DcmSegmentation::createBinarySegmentation(created, Uint16(image.rows), Uint16(image.columns), equipment,
                                                    identification),
          "creation");
    const std::unique_ptr<DcmSegmentation> segmentation(created);

    std::error_code error;
    if (!image.filePath.empty() && std::filesystem::is_regular_file(image.filePath, error)) {
        check(segmentation->importFromSourceImage(image.filePath.c_str()), "patient and study of the source image");
    } else {
        DcmItem source;
        putSourceAttributes(source, image);
        check(segmentation->importFromSourceImage(source), "patient and study of the source image");
    }
    // Mammograms (DX/MG IODs) usually have no Frame of Reference. The SEG IOD needs
    // one only when frames lack the Derivation Image functional group, which ours
    // all have; and a Frame of Reference would demand Plane Position (Patient),
    // which a projection image cannot give. DCMTK 3.6.7 marks the module's UID
    // type 1 regardless: relax it to the standard's conditional types.
    OFString frameOfReference;
    segmentation->getFrameOfReference().getFrameOfReferenceUID(frameOfReference);
    if (frameOfReference.empty()) {
        const OFshared_ptr<IODRules> rules = segmentation->getFrameOfReference().getRules();
        IODRule* uidRule = rules ? rules->getByTag(DCM_FrameOfReferenceUID) : nullptr;
        IODRule* indicatorRule = rules ? rules->getByTag(DCM_PositionReferenceIndicator) : nullptr;
        if (!uidRule || !indicatorRule || !uidRule->setType("1C") || !indicatorRule->setType("2C"))
            throw Error("Cannot write the segmentation: the Frame of Reference rules cannot be relaxed.");
    }
    // General Image: Patient Orientation is type 2C for images without patient position/orientation.
    if (image.patientOrientation.size() == 2)
        check(segmentation->getGeneralImage().setPatientOrientation(
                  (image.patientOrientation[0] + "\\" + image.patientOrientation[1]).c_str()),
              "Patient Orientation");
    check(segmentation->getSeries().setSeriesDescription(wording.seriesDescription.c_str()),
          "Series Description");
    check(segmentation->getSeries().setSeriesNumber(std::to_string(m_options.seriesNumber).c_str()), "Series Number");

    // Frames are told apart by their segment number.
    char dimensionUid[100];
    dcmGenerateUniqueIdentifier(dimensionUid, SITE_INSTANCE_UID_ROOT);
    check(segmentation->getDimensions().addDimensionIndex(DCM_ReferencedSegmentNumber, dimensionUid,
                                                          DCM_SegmentIdentificationSequence, "Segment Number"),
          "dimension index");

    const std::optional<Spacing> spacing = image.pixelSpacing ? image.pixelSpacing : image.imagerPixelSpacing;
    if (spacing) {
        FGPixelMeasures measures;
        check(measures.setPixelSpacing((decimal(spacing->rowMm) + "\\" + decimal(spacing->columnMm)).c_str()),
              "Pixel Spacing");
        check(segmentation->addForAllFrames(measures), "Pixel Measures");
    }

    ImageSOPInstanceReferenceMacro* referenceMacro = nullptr;
    check(ImageSOPInstanceReferenceMacro::create(image.sopClassUid.c_str(), image.sopInstanceUid.c_str(),
                                                 referenceMacro),
          "source image reference");
    const std::unique_ptr<ImageSOPInstanceReferenceMacro> reference(referenceMacro);
    const std::unique_ptr<FGDerivationImage> derivation(DcmSegmentation::createDerivationImageFG(
        {*reference}, wording.derivationDescription.c_str()));
    if (!derivation)
        throw Error("Cannot write the segmentation: no derivation image functional group.");

    CodeSequenceMacro category("49755003", "SCT", "Morphologically Abnormal Structure");
    CodeSequenceMacro type("4147007", "SCT", "Mass");
    int index = 0;
    for (Region& region : regions) {
        ++index;
        const bool manual = region.finding->drawnByReader;
        DcmSegment* segmentPointer = nullptr;
        const std::string label = (manual ? "Reader region " : wording.automaticSegmentLabel + " ") + std::to_string(index);
        check(DcmSegment::create(segmentPointer, label.c_str(), category, type,
                                 manual ? DcmSegTypes::SAT_MANUAL : DcmSegTypes::SAT_AUTOMATIC,
                                 manual ? "" : m_options.algorithmName.c_str()),
              "segment");
        std::unique_ptr<DcmSegment> segment(segmentPointer);
        std::string description = manual ? "Region drawn by a reader" : wording.automaticSegmentDescription;
        if (!manual && !wording.scoresInDescription && !region.finding->label.empty())
            description += ": " + region.finding->label;
        if (!manual && wording.scoresInDescription) {
            description += ", score " + decimal(region.finding->score);
            if (region.finding->malignancy)
                description += ", P(malignant) " + decimal(*region.finding->malignancy);
        }
        check(segment->setSegmentDescription(description.c_str()), "Segment Description");
        Uint16 segmentNumber = 0;
        check(segmentation->addSegment(segment.get(), segmentNumber), "segment");
        segment.release();   // the segmentation owns it now

        FGFrameContent frameContent;
        check(frameContent.setDimensionIndexValues(segmentNumber, 0), "Dimension Index Values");
        OFVector<FGBase*> perFrame;
        perFrame.push_back(derivation.get());
        perFrame.push_back(&frameContent);
        check(segmentation->addFrame(region.mask.pixels.data(), segmentNumber, perFrame), "frame");
        ++result.segmentsWritten;
    }

    IODReferences references;
    references.add(new IODImageReference(image.patientId.c_str(), image.studyInstanceUid.c_str(),
                                         image.seriesInstanceUid.c_str(), image.sopInstanceUid.c_str(),
                                         image.sopClassUid.c_str()));
    segmentation->getCommonInstanceReference().addReferences(references, image.studyInstanceUid.c_str());

    saveAtomically(path, "segmentation", [&](const char* partial) { return segmentation->saveFile(partial); });
    OFString value;
    segmentation->getSOPCommon().getSOPInstanceUID(value);
    result.sopInstanceUid = value.c_str();
    segmentation->getSeries().getSeriesInstanceUID(value);
    result.seriesInstanceUid = value.c_str();
    return result;
}

} // namespace mammo::core::cad
