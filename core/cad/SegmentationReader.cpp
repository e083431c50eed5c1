#include "SegmentationReader.h"

#include "core/Error.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmfg/fgderimg.h>
#include <dcmtk/dcmfg/fgseg.h>
#include <dcmtk/dcmseg/segdoc.h>
#include <dcmtk/dcmseg/segment.h>
#include <dcmtk/dcmseg/segutils.h>

#include <memory>

namespace mammo::core::cad {

SegmentationContent SegmentationReader::read(const std::string& path) const
{
    DcmFileFormat file;
    const OFCondition loaded = file.loadFile(path.c_str());
    if (loaded.bad())
        throw Error("Cannot read \"" + path + "\" as a DICOM file: " + loaded.text());
    DcmDataset& dataset = *file.getDataset();
    OFString sopClass;
    dataset.findAndGetOFString(DCM_SOPClassUID, sopClass);
    if (sopClass != UID_SegmentationStorage)
        throw Error("\"" + path + "\" is not a DICOM segmentation.");
    Uint16 rows = 0, columns = 0;
    dataset.findAndGetUint16(DCM_Rows, rows);
    dataset.findAndGetUint16(DCM_Columns, columns);

    DcmSegmentation* loadedSegmentation = nullptr;
    const OFCondition parsed = DcmSegmentation::loadDataset(dataset, loadedSegmentation);
    const std::unique_ptr<DcmSegmentation> segmentation(loadedSegmentation);
    if (parsed.bad() || !segmentation)
        throw Error("Cannot read the segmentation \"" + path + "\": " + parsed.text());
    if (segmentation->getSegmentationType() != DcmSegTypes::ST_BINARY)
        throw Error("\"" + path + "\" is a fractional segmentation; only binary ones are read.");

    SegmentationContent content;
    OFString value;
    segmentation->getSOPCommon().getSOPInstanceUID(value);
    content.sopInstanceUid = value.c_str();
    const size_t frames = segmentation->getNumberOfFrames();
    for (size_t i = 0; i < frames; ++i) {
        SegmentMask mask;
        auto* segmentFg = dynamic_cast<FGSegmentation*>(
            segmentation->getFunctionalGroups().get(Uint32(i), DcmFGTypes::EFG_SEGMENTATION));
        Uint16 number = 0;
        if (segmentFg)
            segmentFg->getReferencedSegmentNumber(number);
        mask.segmentNumber = number;
        if (DcmSegment* segment = segmentation->getSegment(number)) {
            segment->getSegmentLabel(value);
            mask.label = value.c_str();
            segment->getSegmentDescription(value);
            mask.description = value.c_str();
            mask.automatic = segment->getSegmentAlgorithmType() == DcmSegTypes::SAT_AUTOMATIC;
        }
        auto* derivation = dynamic_cast<FGDerivationImage*>(
            segmentation->getFunctionalGroups().get(Uint32(i), DcmFGTypes::EFG_DERIVATIONIMAGE));
        if (derivation && !derivation->getDerivationImageItems().empty()) {
            auto& sources = derivation->getDerivationImageItems().front()->getSourceImageItems();
            if (!sources.empty() && sources.front()->getImageSOPInstanceReference().getReferencedSOPInstanceUID(value).good())
                mask.referencedSopInstanceUid = value.c_str();
        }
        const DcmIODTypes::Frame* frame = segmentation->getFrame(i);
        if (!frame)
            throw Error("The segmentation \"" + path + "\" lacks frame " + std::to_string(i + 1) + ".");
        const std::unique_ptr<DcmIODTypes::Frame> unpacked(DcmSegUtils::unpackBinaryFrame(frame, rows, columns));
        if (!unpacked || unpacked->length < size_t(rows) * size_t(columns))
            throw Error("The segmentation \"" + path + "\" has a frame that is too short.");
        mask.mask.rows = rows;
        mask.mask.columns = columns;
        mask.mask.pixels.assign(unpacked->pixData, unpacked->pixData + size_t(rows) * size_t(columns));
        for (auto& pixel : mask.mask.pixels)
            pixel = pixel ? 1 : 0;
        content.segments.push_back(std::move(mask));
    }
    return content;
}

} // namespace mammo::core::cad
