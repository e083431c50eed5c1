#include "AdversarialNeighbourProvider.h"

#include <string>

namespace mammo::ai::coin {
namespace {

ClassifierSample toSample(const GeneratedRoi& generated, const std::vector<const ClassifierSample*>& classOriginals)
{
    ClassifierSample sample;
    sample.roi = generated.roi;
    sample.label = generated.label;
    sample.kind = generated.kind;
    const std::string seed = classOriginals.at(std::size_t(generated.seedIndex))->source;
    sample.source = (generated.kind == SampleKind::PositiveNeighbour ? "positive neighbour of " : "negative neighbour of ") + seed;
    return sample;
}

} // namespace

AugmentationProvider adversarialNeighbourProvider(AdversarialAugmentationOptions options)
{
    return [options](const std::vector<ClassifierSample>& originals, const AugmentationRequest& request) {
        std::vector<cv::Mat> rois;
        std::vector<int> labels;
        for (const ClassifierSample& original : originals) {
            rois.push_back(original.roi);
            labels.push_back(original.label);
        }
        AdversarialAugmentationOptions run = options;
        run.seed = request.seed;
        if (!request.positiveNeighbours)
            run.positivesPerOriginal = 0;
        if (!request.negativeNeighbours)
            run.negativesPerOriginal = 0;
        const std::vector<ClassAugmentation> classes = augmentClasses(rois, labels, run);
        if (!request.outputDirectory.empty())
            writeContactSheets(request.outputDirectory, rois, labels, classes);

        std::vector<ClassifierSample> neighbours;
        for (const ClassAugmentation& augmentation : classes) {
            // The seed index counts the class's originals in input order.
            std::vector<const ClassifierSample*> classOriginals;
            for (const ClassifierSample& original : originals)
                if (original.label == augmentation.label)
                    classOriginals.push_back(&original);
            for (const GeneratedRoi& generated : augmentation.positives)
                neighbours.push_back(toSample(generated, classOriginals));
            for (const GeneratedRoi& generated : augmentation.negatives)
                neighbours.push_back(toSample(generated, classOriginals));
        }
        return neighbours;
    };
}

} // namespace mammo::ai::coin
