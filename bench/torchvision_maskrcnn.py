#!/usr/bin/env python3
"""Times torchvision's maskrcnn_resnet50_fpn (random weights) on one image.

Used by bench_detector to put our detector's time next to the reference
implementation on the same machine, threads and input size. Prints one line:
    torchvision maskrcnn_resnet50_fpn SIZE: SECONDS s/image (device)
"""
import argparse
import time

import torch
import torchvision


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=1024, help="network input size (square)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--device", default="cpu")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    # min_size = max_size = size: torchvision feeds the network exactly SIZE x SIZE.
    model = torchvision.models.detection.maskrcnn_resnet50_fpn(
        weights=None, weights_backbone=None, min_size=args.size, max_size=args.size).eval().to(args.device)
    image = torch.rand(3, args.size, args.size, device=args.device)
    with torch.no_grad():
        model([image])  # warm-up
        if args.device == "cuda":
            torch.cuda.synchronize()
        start = time.perf_counter()
        for _ in range(args.repeat):
            model([image])
        if args.device == "cuda":
            torch.cuda.synchronize()
        seconds = (time.perf_counter() - start) / args.repeat
    print(f"torchvision maskrcnn_resnet50_fpn {args.size}: {seconds:.3f} s/image ({args.device})")


if __name__ == "__main__":
    main()
