#include "StudyLoader.h"

#include <core/cad/CadSrReader.h>

#include <ai/HeapReuse.h>
#include <core/DicomReader.h>
#include <core/Error.h>

#include <QMetaObject>
#include <QPointer>
#include <QThread>

#include <exception>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace mammo::app {

StudyLoader::StudyLoader(QObject* parent) : QObject(parent)
{
    // Decoding is CPU bound; one thread per core keeps the GUI thread free.
    m_pool.setMaxThreadCount(std::max(1, QThread::idealThreadCount()));
}

StudyLoader::~StudyLoader()
{
    m_pool.waitForDone();
}

void StudyLoader::scan(const QStringList& paths)
{
    const int generation = ++m_scanGeneration;
    ++m_pendingScans;
    std::vector<std::string> list;
    for (const QString& p : paths)
        list.push_back(p.toStdString());
    QPointer<StudyLoader> self(this);
    m_pool.start([self, list, generation] {
        auto catalog = std::make_shared<const core::StudyCatalog>(core::StudyCatalog::scan(list));
        std::vector<core::Finding> reported;
        QStringList problems;
        for (const std::string& path : catalog->structuredReports()) {
            try {
                for (core::Finding& f : core::cad::CadSrReader().readFindings(path)) {
                    f.label = "SR " + (f.label.empty() ? std::string("mark") : f.label);
                    reported.push_back(std::move(f));
                }
            } catch (const std::exception& e) {
                problems << QString::fromStdString(path) + QStringLiteral(": ") + QString::fromStdString(e.what());
            }
        }
        QMetaObject::invokeMethod(self, [self, catalog, generation, reported, problems] {
            if (!self)
                return;
            --self->m_pendingScans;
            if (generation != self->m_scanGeneration)   // an older scan is stale
                return;
            Q_EMIT self->catalogReady(catalog);
            Q_EMIT self->reportedFindingsRead(reported, problems);
        }, Qt::QueuedConnection);
    });
}

void StudyLoader::load(const QStringList& filePaths)
{
    QPointer<StudyLoader> self(this);
    for (const QString& path : filePaths) {
        if (m_inFlight.contains(path))
            continue;
        m_inFlight.insert(path);
        m_pool.start([self, path] {
            core::ImagePtr image;
            QString error;
            try {
                image = core::readDicomImage(path.toStdString());
            } catch (const core::Error& e) {
                error = QString::fromUtf8(e.what());
            } catch (const std::bad_alloc&) {
                error = StudyLoader::tr("%1: not enough memory to decode the image").arg(path);
            } catch (const std::exception& e) {
                error = StudyLoader::tr("%1: %2").arg(path, QString::fromUtf8(e.what()));
            }
            // The decoder's working copies were freed on this thread, at the top of its
            // arena, where malloc_trim does not reach (66 MB of the app's 577 MB with the
            // assistant; ai/HeapReuse.h). While the worker analyses, this may also trim
            // its freed memory: page faults for it later, no more.
            ai::releaseThisThreadsArenaTop();
            QMetaObject::invokeMethod(self, [self, path, image, error] {
                if (!self)
                    return;
                self->m_inFlight.remove(path);
                if (self->m_inFlight.isEmpty())
                    self->releaseDecodeMemory();
                if (image)
                    Q_EMIT self->imageLoaded(image);
                else
                    Q_EMIT self->imageFailed(path, error);
            }, Qt::QueuedConnection);
        });
    }
}

void StudyLoader::releaseDecodeMemory()
{
#ifdef __GLIBC__
    // The decoders' working copies were freed, but the AI worker keeps freed memory
    // on the heap (ai/HeapReuse.h) process-wide: hand it back once the last image
    // of a load is decoded (not after each one, which would also take the worker's
    // reused memory while it analyses), off the GUI thread.
    m_pool.start([] { malloc_trim(0); });
#endif
}

bool StudyLoader::busy() const
{
    return !m_inFlight.isEmpty() || m_pendingScans > 0;
}

void StudyLoader::waitForDone()
{
    m_pool.waitForDone();
}

} // namespace mammo::app
