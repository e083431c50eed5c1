#include "GuardedDicomInputStream.h"

#include <dcmtk/dcmdata/dcerror.h>
#include <dcmtk/dcmdata/dcistrmf.h>

#include <zlib.h>

#include <algorithm>
#include <cstring>

namespace mammo::core {
namespace {

std::uintptr_t currentFrame()
{
    return reinterpret_cast<std::uintptr_t>(__builtin_frame_address(0));
}

// Bytes in memory, with the putback DCMTK needs to peek at tags.
class MemoryProducer : public DcmProducer {
public:
    MemoryProducer(const Uint8* data, std::size_t size, std::size_t position)
        : m_data(data), m_size(size), m_position(std::min(position, size))
    {
    }
    OFBool good() const override { return OFTrue; }
    OFCondition status() const override { return EC_Normal; }
    OFBool eos() override { return m_position >= m_size; }
    offile_off_t avail() override { return offile_off_t(m_size - m_position); }
    offile_off_t read(void* buf, offile_off_t buflen) override
    {
        const std::size_t count = std::min(std::size_t(std::max<offile_off_t>(0, buflen)), m_size - m_position);
        if (count)
            std::memcpy(buf, m_data + m_position, count);
        m_position += count;
        return offile_off_t(count);
    }
    offile_off_t skip(offile_off_t skiplen) override
    {
        const std::size_t count = std::min(std::size_t(std::max<offile_off_t>(0, skiplen)), m_size - m_position);
        m_position += count;
        return offile_off_t(count);
    }
    void putback(offile_off_t num) override
    {
        m_position -= std::min(std::size_t(std::max<offile_off_t>(0, num)), m_position);
    }
    std::size_t position() const { return m_position; }

private:
    const Uint8* m_data;
    std::size_t m_size;
    std::size_t m_position;
};

} // namespace

struct GuardedDicomInputStream::Source {
    virtual ~Source() = default;
    virtual DcmProducer& producer() = 0;
    // A factory that reopens this source where the stream now is (tell bytes in).
    virtual DcmInputStreamFactory* factoryAt(offile_off_t tell) const = 0;
};

namespace {

struct FileSource : GuardedDicomInputStream::Source {
    explicit FileSource(const std::string& path) : filename(path.c_str()), file(filename) {}
    DcmProducer& producer() override { return file; }
    DcmInputStreamFactory* factoryAt(offile_off_t tell) const override
    {
        return new DcmInputFileStreamFactory(filename, tell);   // a file stream starts at offset 0
    }
    OFFilename filename;
    DcmFileProducer file;
};

struct MemorySource : GuardedDicomInputStream::Source {
    MemorySource(const Uint8* bytes, std::size_t count, std::size_t position, std::shared_ptr<const std::vector<Uint8>> keep,
                 std::size_t maxInflated)
        : data(bytes), size(count), owner(std::move(keep)), maxInflatedBytes(maxInflated), memory(bytes, count, position)
    {
    }
    DcmProducer& producer() override { return memory; }
    DcmInputStreamFactory* factoryAt(offile_off_t) const override;

    const Uint8* data;
    std::size_t size;
    std::shared_ptr<const std::vector<Uint8>> owner;   // inflated bytes; null for the caller's memory
    std::size_t maxInflatedBytes;
    MemoryProducer memory;
};

// Reopens memory at an offset, as DcmInputFileStreamFactory does for files.
class MemoryStreamFactory : public DcmInputStreamFactory {
public:
    MemoryStreamFactory(const MemorySource& source, std::size_t offset) : m_source(source), m_offset(offset) {}
    DcmInputStream* create() const override;
    DcmInputStreamFactory* clone() const override { return new MemoryStreamFactory(*this); }
    // DCMTK 3.6.7 has no kind for memory; nothing in dcmdata branches on it.
    DcmInputStreamFactoryType ident() const override { return DFT_DcmInputFileStreamFactory; }

private:
    MemorySource m_source;   // pointer, size and owner only; the position is m_offset
    std::size_t m_offset;
};

DcmInputStreamFactory* MemorySource::factoryAt(offile_off_t) const
{
    return new MemoryStreamFactory(*this, memory.position());
}

} // namespace

GuardedDicomInputStream::GuardedDicomInputStream(std::unique_ptr<Source> source, std::size_t maxInflatedBytes)
    // The base only stores the producer; every operation below goes through m_source.
    : DcmInputStream(&source->producer()), m_source(std::move(source)), m_maxInflatedBytes(maxInflatedBytes),
      m_stackBase(currentFrame())
{
}

GuardedDicomInputStream::~GuardedDicomInputStream() = default;

std::unique_ptr<GuardedDicomInputStream> GuardedDicomInputStream::open(std::unique_ptr<Source> source,
                                                                       std::size_t maxInflatedBytes)
{
    return std::unique_ptr<GuardedDicomInputStream>(new GuardedDicomInputStream(std::move(source), maxInflatedBytes));
}

std::unique_ptr<GuardedDicomInputStream> GuardedDicomInputStream::openFile(const std::string& path,
                                                                           std::size_t maxInflatedBytes)
{
    return open(std::make_unique<FileSource>(path), maxInflatedBytes);
}

std::unique_ptr<GuardedDicomInputStream> GuardedDicomInputStream::openMemory(const void* data, std::size_t size,
                                                                             std::size_t maxInflatedBytes)
{
    return open(std::make_unique<MemorySource>(static_cast<const Uint8*>(data), size, 0, nullptr, maxInflatedBytes),
                maxInflatedBytes);
}

DcmInputStream* MemoryStreamFactory::create() const
{
    return GuardedDicomInputStream::open(std::make_unique<MemorySource>(m_source.data, m_source.size, m_offset,
                                                                        m_source.owner, m_source.maxInflatedBytes),
                                         m_source.maxInflatedBytes)
        .release();
}

void GuardedDicomInputStream::fail(std::string problem)
{
    if (m_problem.empty())
        m_problem = std::move(problem);
}

bool GuardedDicomInputStream::withinStackBudget()
{
    // The stack grows down: DCMTK's recursion shows as frames far below the stream's creation.
    const std::uintptr_t here = currentFrame();
    if (here < m_stackBase && m_stackBase - here > kStackBudget)
        fail("sequences are nested too deeply (a corrupt or hostile file)");
    return m_problem.empty();
}

OFBool GuardedDicomInputStream::good() const
{
    return m_problem.empty() && m_source->producer().good();
}

OFCondition GuardedDicomInputStream::status() const
{
    if (!m_problem.empty())
        return EC_InvalidStream;
    return m_source->producer().status();
}

OFBool GuardedDicomInputStream::eos()
{
    return !m_problem.empty() || m_source->producer().eos();
}

offile_off_t GuardedDicomInputStream::avail()
{
    return m_problem.empty() ? m_source->producer().avail() : 0;
}

offile_off_t GuardedDicomInputStream::read(void* buf, offile_off_t buflen)
{
    if (!withinStackBudget())
        return 0;
    const offile_off_t count = m_source->producer().read(buf, buflen);
    m_tell += count;
    return count;
}

offile_off_t GuardedDicomInputStream::skip(offile_off_t skiplen)
{
    if (!withinStackBudget())
        return 0;
    const offile_off_t count = m_source->producer().skip(skiplen);
    m_tell += count;
    return count;
}

offile_off_t GuardedDicomInputStream::tell() const
{
    return m_tell;
}

void GuardedDicomInputStream::mark()
{
    m_mark = m_tell;
}

void GuardedDicomInputStream::putback()
{
    m_source->producer().putback(m_tell - m_mark);
    m_tell = m_mark;
}

DcmInputStreamFactory* GuardedDicomInputStream::newFactory() const
{
    return m_problem.empty() ? m_source->factoryAt(m_tell) : nullptr;
}

OFCondition GuardedDicomInputStream::installCompressionFilter(E_StreamCompression filterType)
{
    if (filterType != ESC_zlib || m_compressed)
        return EC_UnsupportedEncoding;
    // Inflate the rest now (raw deflate, as DCMTK's own filter expects by default),
    // so the data set gets random access and a size cap.
    DcmProducer& in = m_source->producer();
    auto inflated = std::make_shared<std::vector<Uint8>>();
    z_stream zs{};
    if (inflateInit2(&zs, -MAX_WBITS) != Z_OK)
        return EC_MemoryExhausted;
    std::vector<Uint8> input(1 << 16);
    std::vector<Uint8> output(1 << 16);
    bool inputEnded = false;
    for (;;) {
        if (zs.avail_in == 0 && !inputEnded) {
            const offile_off_t got = in.read(input.data(), offile_off_t(input.size()));
            inputEnded = got <= 0;
            zs.next_in = input.data();
            zs.avail_in = inputEnded ? 0u : uInt(got);
        }
        zs.next_out = output.data();
        zs.avail_out = uInt(output.size());
        const int result = inflate(&zs, Z_NO_FLUSH);
        if (result != Z_OK && result != Z_STREAM_END && result != Z_BUF_ERROR) {
            fail("the deflated data set is corrupt");
            break;
        }
        const std::size_t produced = output.size() - zs.avail_out;
        if (inflated->size() + produced > m_maxInflatedBytes) {
            fail("the deflated data set inflates to more than " + std::to_string(m_maxInflatedBytes >> 20) + " MiB");
            break;
        }
        inflated->insert(inflated->end(), output.data(), output.data() + produced);
        // Done at the stream's end, or when the input ended and nothing more comes out
        // (a cut deflate stream: DCMTK then reports the data set as truncated).
        if (result == Z_STREAM_END || (inputEnded && produced == 0))
            break;
    }
    inflateEnd(&zs);
    if (!m_problem.empty())
        return EC_InvalidStream;
    m_compressed = std::move(m_source);
    const std::size_t size = inflated->size();
    m_source = std::make_unique<MemorySource>(inflated->data(), size, 0, inflated, m_maxInflatedBytes);
    return EC_Normal;
}

} // namespace mammo::core
