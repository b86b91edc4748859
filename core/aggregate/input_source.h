// SPDX-License-Identifier: MIT
#pragma once

#include "core/aggregate/file_layout.h"
#include "core/common/expected.h"

#include <memory>
#include <string_view>
#include <vector>

// Where the scan's chunks come from: a memory-mapped file cut speculatively at line starts, or a (gzip)
// stream inflated by one thread into blocks cut at record ends. Internal to core/aggregate.
namespace bidlab::aggregate::detail {

struct ChunkTask
{
    std::size_t index = 0; // file order
    std::string_view buffer; // the whole buffer the chunk lies in
    std::size_t begin = 0; // the chunk's range in the buffer
    std::size_t end = 0;
    bool speculative = false; // begin may fall inside a quoted field (mapped files)
    qint64 progressAfter = 0; // progress once this chunk is merged
    std::shared_ptr<const std::string> owner; // keeps a stream block alive
};

class InputSource
{
public:
    virtual ~InputSource() = default;
    // The next chunk in file order; false at the end or once stopped. Thread-safe; may block (streams).
    virtual bool next(ChunkTask& task) = 0;
    virtual void stop() = 0;
    // Chunks hold so many groups that merging them costs as much as scanning: make the next ones larger.
    virtual void growChunks() { }
    virtual qint64 progressTotal() const = 0;
    virtual qint64 dataBytes() const = 0; // CSV bytes delivered so far (all, at the end)
    virtual std::size_t chunkCount() const = 0;
    // A failure that makes the result unusable (a damaged gzip stream); empty when none.
    virtual QString error() const = 0;
};

Expected<std::unique_ptr<InputSource>> openMappedSource(const FileLayout& layout, qint64 chunkBytes);
Expected<std::unique_ptr<InputSource>> openStreamSource(const FileLayout& layout, qint64 blockBytes,
                                                        std::size_t queueCapacity);

} // namespace bidlab::aggregate::detail
