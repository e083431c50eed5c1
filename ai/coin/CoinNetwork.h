#pragma once
// The network of COIN (paper Sec. III-D, Fig. 4): four down-sampling (DC)
// blocks of separable convolutions, seven residual separable convolution
// layers, three fully connected layers of 1024 and a softmax over benign /
// malignant. For a 224 x 224 x 1 ROI the DC blocks give 112 x 112 x 128,
// 56 x 56 x 256, 28 x 28 x 728 and 14 x 14 x 728.
//
// What the paper fixes: the layer counts and widths above; "separable
// convolution operators decompose 3 x 3 convolutions into consecutive 3 x 1
// and 1 x 3 operations"; a DC block is two of them, then a pooling that halves
// the size, then ReLU; the separable layers are depth-wise separable "with
// similar topological architecture to" Xception (Chollet 2017); the graph loss
// acts on the last features before the softmax.
//
// What it leaves open, and what we chose:
// - Separable convolution = depth-wise 3 x 1, depth-wise 1 x 3 (together a
//   rank-one 3 x 3 per channel), then a point-wise 1 x 1 that sets the width:
//   both the paper's factoring and Xception's depth-wise separability, and
//   small enough (8.5 M parameters in all) to train on a CPU.
// - Batch norm after every separable convolution, as in Xception; no biases
//   before it. ReLU between the DC block's two convolutions too (Xception).
// - Pooling: 2 x 2 max pooling, stride 2 (halves 224 exactly to 14).
// - Residual layers: y = ReLU(x + BN(SepConv(x))), identity shortcut, width 728.
// - Between the 14 x 14 x 728 maps and the first fully connected layer: global
//   average pooling, as Xception does; flattening would put 146 M weights in
//   that one layer.
// - Fully connected layers: Linear + ReLU, no batch norm or dropout (the paper
//   names neither). The features h(x) are the third layer's ReLU output.
//
// Two presets (coinNetworkPreset), like the detector's configurations:
// - "full": the paper's widths above, for a GPU. On 2 CPU cores it takes
//   176 ms per ROI and 0.33 s per training ROI (bench_coin), so neither the
//   30 ms target nor a 5-fold ablation fits there.
// - "cpu": the same topology (4 DC blocks, 7 residual layers, 3 x FC 1024) on
//   the same 224 x 224 ROI, averaged 2 x 2 to 112 x 112 first (the blocks give
//   56/28/14/7), with widths 48/96/192/192. Small masses are upsampled into
//   the ROI anyway, so the averaging loses little; the cost drops ~40 x.
#include <torch/nn.h>

#include <array>
#include <string>
#include <vector>

namespace mammo::ai::coin {

struct CoinNetworkOptions {
    int inputChannels = 1;
    int inputHalvings = 0;   // 2 x 2 average poolings of the ROI before DC block 1 ("cpu": 1)
    std::array<int, 4> blockChannels{128, 256, 728, 728};   // DC blocks 1..4
    int residualLayers = 7;
    int fullyConnectedLayers = 3;
    int featureSize = 1024;   // width of each fully connected layer, and of h(x)
    int classes = 2;          // 0 benign, 1 malignant
};

// "full" (the paper's widths; also the default-constructed options) or "cpu".
// Throws core::Error for another name.
CoinNetworkOptions coinNetworkPreset(const std::string& name);
std::vector<std::string> coinNetworkPresetNames();

struct CoinOutput {
    torch::Tensor logits;     // [N, classes], before the softmax
    torch::Tensor features;   // [N, featureSize]: h(x), for the graph loss
};

class CoinNetworkImpl : public torch::nn::Module {
public:
    explicit CoinNetworkImpl(CoinNetworkOptions options = {});

    // images [N, inputChannels, H, W], H and W multiples of 16 << inputHalvings (224 for the
    // paper's ROIs), normalised by normaliseRoi. Throws core::Error otherwise.
    CoinOutput forward(const torch::Tensor& images);

    // The feature maps after DC blocks 1..4 and after the residual layers
    // (five tensors), for tests and inspection; forward(images) is
    // classify(featureMaps(images).back()).
    std::vector<torch::Tensor> featureMaps(const torch::Tensor& images);
    // The fully connected part, from the residual layers' maps [N, 728, h, w].
    CoinOutput classify(const torch::Tensor& maps);

    // P(malignant) per image from forward's logits: softmax, class 1.
    static torch::Tensor malignantProbability(const torch::Tensor& logits);

    const CoinNetworkOptions& options() const { return m_options; }

private:
    void checkInput(const torch::Tensor& images) const;

    CoinNetworkOptions m_options;
    torch::nn::ModuleList m_downBlocks;
    torch::nn::ModuleList m_residualLayers;
    torch::nn::Sequential m_fullyConnected{nullptr};
    torch::nn::Linear m_classifier{nullptr};
};
TORCH_MODULE(CoinNetwork);

} // namespace mammo::ai::coin
