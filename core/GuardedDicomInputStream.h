#pragma once
// Private to core/: a DCMTK input stream that keeps DCMTK 3.6.7's parser
// within bounds on hostile files. DCMTK recurses once per nested sequence with
// no limit (upstream added one after 3.6.7) and allocates an element's value
// from its length field before reading it; this stream
//  - stops the parse when it has used more than a fixed stack budget,
//  - offers random access (a factory) for memory as DCMTK does for files, so
//    values above the read limit are skipped and checked against the bytes
//    really there, never allocated from a length field alone,
//  - inflates Deflated data sets itself, up to a cap, so the inflated bytes
//    get the same random access and the same checks.
#include <dcmtk/dcmdata/dcistrma.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace mammo::core {

class GuardedDicomInputStream : public DcmInputStream {
public:
    // Stack DCMTK may use below the stream's creation before the parse is
    // stopped: about 300 levels of nested sequences with DCMTK 3.6.7
    // (real objects nest fewer than 20; upstream DCMTK now stops at 64).
    static constexpr std::size_t kStackBudget = 512 * 1024;

    // A file; values skipped by the parse are read back from it on access.
    static std::unique_ptr<GuardedDicomInputStream> openFile(const std::string& path, std::size_t maxInflatedBytes);
    // Memory that must outlive every data set read from it.
    static std::unique_ptr<GuardedDicomInputStream> openMemory(const void* data, std::size_t size,
                                                               std::size_t maxInflatedBytes);
    ~GuardedDicomInputStream() override;

    // Why the stream stopped DCMTK, for the user; empty when it did not.
    const std::string& problem() const { return m_problem; }

    OFBool good() const override;
    OFCondition status() const override;
    OFBool eos() override;
    offile_off_t avail() override;
    offile_off_t read(void* buf, offile_off_t buflen) override;
    offile_off_t skip(offile_off_t skiplen) override;
    offile_off_t tell() const override;
    OFCondition installCompressionFilter(E_StreamCompression filterType) override;
    DcmInputStreamFactory* newFactory() const override;
    void mark() override;
    void putback() override;

    // Where the bytes come from (file or memory); defined in the .cpp file.
    struct Source;
    static std::unique_ptr<GuardedDicomInputStream> open(std::unique_ptr<Source> source, std::size_t maxInflatedBytes);

private:
    GuardedDicomInputStream(std::unique_ptr<Source> source, std::size_t maxInflatedBytes);
    bool withinStackBudget();
    void fail(std::string problem);

    std::unique_ptr<Source> m_source;
    std::unique_ptr<Source> m_compressed;   // the source before inflation, kept for the base's pointer
    std::size_t m_maxInflatedBytes;
    std::uintptr_t m_stackBase;
    offile_off_t m_tell = 0;
    offile_off_t m_mark = 0;
    std::string m_problem;
};

} // namespace mammo::core
