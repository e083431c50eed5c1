// Writes the fuzzer's seed corpus into a folder: generated images (every
// compressed syntax), the hand-made hostile files and the demo study.
#include "FuzzSeeds.h"

#include <core/Error.h>

#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>

int main(int argc, char** argv)
{
    if (argc != 3) {
        std::cerr << "usage: fuzz_write_seeds SOURCE_DIR OUTPUT_DIR\n";
        return 2;
    }
    try {
        const std::filesystem::path out = argv[2];
        std::filesystem::create_directories(out);
        const auto seeds = mammo::fuzz::allSeeds(argv[1], (out / ".scratch").string());
        for (const auto& seed : seeds) {
            std::ofstream file(out / ("seed-" + seed.name), std::ios::binary);
            file.write(reinterpret_cast<const char*>(seed.bytes.data()), std::streamsize(seed.bytes.size()));
        }
        std::filesystem::remove_all(out / ".scratch");
        std::cout << "fuzz_write_seeds: " << seeds.size() << " seeds in " << out.string() << "\n";
    } catch (const std::exception& e) {
        std::cerr << "fuzz_write_seeds: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
