// SPDX-License-Identifier: MIT
#include "core/aggregate/input_source.h"

#include "core/common/csv_reader.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <zlib.h>

#include <QFile>

namespace bidlab::aggregate::detail {

namespace {

class MappedSource : public InputSource
{
public:
    explicit MappedSource(const FileLayout& layout)
        : m_file(layout.path)
    { }

    QString open(const FileLayout& layout, qint64 chunkBytes)
    {
        if (!m_file.open(QIODevice::ReadOnly))
            return QStringLiteral("The file '%1' cannot be read: %2.").arg(layout.path, m_file.errorString());
        const qint64 size = m_file.size();
        uchar* map = size > 0 ? m_file.map(0, size) : nullptr;
        if (!map)
            return QStringLiteral("The file '%1' cannot be mapped into memory: %2.")
                .arg(layout.path, m_file.errorString());
        m_data = std::string_view(reinterpret_cast<const char*>(map), std::size_t(size));
        m_cursor = std::min(std::size_t(layout.dataStart), m_data.size());
        m_chunkBytes = std::size_t(chunkBytes);
        return {};
    }

    // Cuts the next range at the first line start after cursor + chunk size: cheap (one memchr), so it is
    // done as the workers ask, and the size can grow while the scan runs.
    bool next(ChunkTask& task) override
    {
        std::lock_guard lock(m_mutex);
        if (m_stopped || m_cursor >= m_data.size())
            return false;
        task.index = m_count++;
        task.buffer = m_data;
        task.begin = m_cursor;
        task.end = csv::lineStartAfter(m_data, m_cursor + std::max<std::size_t>(m_chunkBytes, 1));
        task.speculative = true;
        task.progressAfter = qint64(task.end);
        m_cursor = task.end;
        return true;
    }
    void stop() override
    {
        std::lock_guard lock(m_mutex);
        m_stopped = true;
    }
    void growChunks() override
    {
        std::lock_guard lock(m_mutex);
        m_chunkBytes = std::min<std::size_t>(m_chunkBytes * 2, kMaxChunkBytes);
    }
    qint64 progressTotal() const override { return qint64(m_data.size()); }
    qint64 dataBytes() const override { return qint64(m_data.size()); }
    std::size_t chunkCount() const override
    {
        std::lock_guard lock(m_mutex);
        return m_count;
    }
    QString error() const override { return {}; }

private:
    static constexpr std::size_t kMaxChunkBytes = 64 * 1024 * 1024;

    QFile m_file;
    std::string_view m_data;
    mutable std::mutex m_mutex;
    std::size_t m_cursor = 0;
    std::size_t m_chunkBytes = 0;
    std::size_t m_count = 0;
    bool m_stopped = false;
};

// The end of the last complete record of a block: just after its last newline outside quotes, or 0.
std::size_t lastRecordEnd(const std::string& block)
{
    bool inside = std::count(block.begin(), block.end(), '"') % 2 == 1;
    for (std::size_t p = block.size(); p-- > 0;) {
        const char c = block[p];
        if (c == '"')
            inside = !inside;
        else if (c == '\n' && !inside)
            return p + 1;
    }
    return 0;
}

class StreamSource : public InputSource
{
public:
    StreamSource(const FileLayout& layout, qint64 blockBytes, std::size_t capacity)
        : m_path(layout.path)
        , m_fileBytes(layout.fileBytes)
        , m_dataStart(std::size_t(layout.dataStart))
        , m_blockBytes(std::size_t(blockBytes))
        , m_capacity(capacity)
    { }
    ~StreamSource() override
    {
        stop();
        if (m_thread.joinable())
            m_thread.join();
        if (m_file)
            gzclose(m_file);
    }

    QString open()
    {
        m_file = gzopen(QFile::encodeName(m_path).constData(), "rb");
        if (!m_file)
            return QStringLiteral("The file '%1' cannot be opened.").arg(m_path);
        gzbuffer(m_file, 256 * 1024);
        m_thread = std::thread([this] { inflate(); });
        return {};
    }

    bool next(ChunkTask& task) override
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&] { return !m_queue.empty() || m_done || m_stopped; });
        if (m_stopped || m_queue.empty())
            return false;
        task = std::move(m_queue.front());
        m_queue.pop_front();
        m_changed.notify_all();
        return true;
    }
    void stop() override
    {
        std::lock_guard lock(m_mutex);
        m_stopped = true;
        m_changed.notify_all();
    }
    qint64 progressTotal() const override { return m_fileBytes; }
    qint64 dataBytes() const override { return m_dataBytes.load(); }
    std::size_t chunkCount() const override { return m_chunks.load(); }
    QString error() const override
    {
        std::lock_guard lock(m_mutex);
        return m_error;
    }

private:
    // The inflating thread: blocks of about m_blockBytes, each cut after its last complete record; the rest
    // opens the next block.
    void inflate()
    {
        std::string carry;
        std::size_t index = 0;
        bool end = false;
        while (!end) {
            auto block = std::make_shared<std::string>(std::move(carry));
            carry = std::string();
            std::size_t cut = 0;
            while (true) {
                const std::size_t old = block->size();
                block->resize(std::max(old + m_blockBytes / 2, m_blockBytes));
                const int n = gzread(m_file, block->data() + old, unsigned(block->size() - old));
                if (n < 0) {
                    int code = Z_OK;
                    fail(QStringLiteral("The compressed file '%1' is damaged: %2.")
                             .arg(m_path, QString::fromLatin1(gzerror(m_file, &code))));
                    return;
                }
                block->resize(old + std::size_t(n));
                if (n == 0) {
                    int code = Z_OK;
                    gzerror(m_file, &code);
                    if (code == Z_BUF_ERROR) {
                        fail(QStringLiteral("The compressed file '%1' ends in the middle of its data (truncated?).")
                                 .arg(m_path));
                        return;
                    }
                    end = true;
                    cut = block->size();
                    break;
                }
                if (block->size() >= m_blockBytes && (cut = lastRecordEnd(*block)) > 0)
                    break;
                if (stopped())
                    return;
            }
            carry.assign(*block, cut, std::string::npos);
            block->resize(cut);
            m_dataBytes += qint64(block->size());
            ChunkTask task;
            task.index = index;
            task.begin = index == 0 ? std::min(m_dataStart, block->size()) : 0;
            task.end = block->size();
            task.buffer = *block;
            task.owner = std::move(block);
            task.progressAfter = end ? m_fileBytes : qint64(gzoffset(m_file));
            ++index;
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [&] { return m_queue.size() < m_capacity || m_stopped; });
            if (m_stopped)
                return;
            m_queue.push_back(std::move(task));
            ++m_chunks;
            m_changed.notify_all();
        }
        std::lock_guard lock(m_mutex);
        m_done = true;
        m_changed.notify_all();
    }

    bool stopped()
    {
        std::lock_guard lock(m_mutex);
        return m_stopped;
    }

    void fail(const QString& message)
    {
        std::lock_guard lock(m_mutex);
        m_error = message;
        m_done = true;
        m_changed.notify_all();
    }

    QString m_path;
    qint64 m_fileBytes;
    std::size_t m_dataStart;
    std::size_t m_blockBytes;
    std::size_t m_capacity;
    gzFile m_file = nullptr;
    std::thread m_thread;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<ChunkTask> m_queue;
    bool m_done = false;
    bool m_stopped = false;
    QString m_error;
    std::atomic<qint64> m_dataBytes { 0 };
    std::atomic<std::size_t> m_chunks { 0 };
};

} // namespace

Expected<std::unique_ptr<InputSource>> openMappedSource(const FileLayout& layout, qint64 chunkBytes)
{
    auto source = std::make_unique<MappedSource>(layout);
    if (const QString error = source->open(layout, chunkBytes); !error.isEmpty())
        return Error { error };
    return std::unique_ptr<InputSource>(std::move(source));
}

Expected<std::unique_ptr<InputSource>> openStreamSource(const FileLayout& layout, qint64 blockBytes,
                                                        std::size_t queueCapacity)
{
    auto source = std::make_unique<StreamSource>(layout, blockBytes, queueCapacity);
    if (const QString error = source->open(); !error.isEmpty())
        return Error { error };
    return std::unique_ptr<InputSource>(std::move(source));
}

} // namespace bidlab::aggregate::detail
