#pragma once
// The discriminator of COIN's adversarial augmentation (paper eq. (1)): a
// linear SVM that tells original samples from generated ones, read as the
// probability P_D(x) = sigmoid(signed distance of x to its hyperplane).
//
// Sides: the original ("real") samples are the positive class, the generated
// ones the negative, so P_D -> 1 means "looks real" and P_D -> 0 "generated",
// as in the paper.
#include <opencv2/core.hpp>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace mammo::ai::coin {

struct SvmOptions {
    double c = 1.0;             // hinge-loss weight against ||w||^2 / 2
    int maxEpochs = 1000;       // passes over the data, at most
    double tolerance = 1e-4;    // stop when the projected-gradient spread falls below it
    std::uint32_t seed = 0;     // order of the coordinate passes
};

class SvmDiscriminator {
public:
    // Trains on T original and T generated feature vectors (rows of the
    // matrices, or vectors of one common length); the two counts may differ.
    // Throws std::invalid_argument when a class is empty or lengths differ.
    void train(const std::vector<std::vector<float>>& original,
               const std::vector<std::vector<float>>& generated, const SvmOptions& options = {});
    void train(const cv::Mat& original, const cv::Mat& generated, const SvmOptions& options = {});

    bool isTrained() const { return !m_weights.empty(); }
    int dimension() const { return int(m_weights.size()); }

    // The hyperplane w.x + b = 0, positive on the original side.
    const std::vector<double>& weights() const { return m_weights; }
    double bias() const { return m_bias; }

    // w.x + b: the SVM's raw output.
    double decisionValue(const std::vector<float>& x) const;
    double decisionValue(const cv::Mat& x) const;
    // (w.x + b) / ||w||: the Euclidean distance of x to the hyperplane,
    // positive on the original side. 0 when w = 0 (every training sample the
    // same point), so that the probability is then 0.5. Dividing by ||w|| means
    // a small w gives no small distance: where the two sets cannot be told
    // apart, w is small, its direction noise, and so is the distance.
    double signedDistance(const std::vector<float>& x) const;
    double signedDistance(const cv::Mat& x) const;
    // 1 / (1 + exp(-signedDistance(x))), eq. (1).
    double probability(const std::vector<float>& x) const;
    double probability(const cv::Mat& x) const;

private:
    void fit(const std::vector<const float*>& rows, std::size_t originalCount, int dimension,
             const SvmOptions& options);
    double decisionValue(const float* x, int length) const;

    std::vector<double> m_weights;
    double m_bias = 0;
    double m_norm = 0;
};

} // namespace mammo::ai::coin
