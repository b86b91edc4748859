// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/expected.h"

#include <cstddef>

namespace bidlab::ipc {

// An anonymous shared-memory segment (memfd_create): nothing in /dev/shm, so nothing is left behind when
// a process dies, and a child process reaches it through an inherited descriptor (child_process.h).
class SharedMemory
{
public:
    // A new zero-filled segment of `bytes`, mapped read-write. The descriptor is close-on-exec: only the
    // children it is handed to explicitly inherit it.
    static Expected<SharedMemory> create(const char* name, std::size_t bytes);
    // Maps the segment behind an inherited descriptor (takes ownership of it). Its size must be at least
    // `minimumBytes`.
    static Expected<SharedMemory> attach(int fd, std::size_t minimumBytes);

    SharedMemory() = default;
    ~SharedMemory();
    SharedMemory(SharedMemory&& other) noexcept;
    SharedMemory& operator=(SharedMemory&& other) noexcept;
    SharedMemory(const SharedMemory&) = delete;
    SharedMemory& operator=(const SharedMemory&) = delete;

    bool isNull() const { return m_data == nullptr; }
    void* data() const { return m_data; }
    std::size_t size() const { return m_size; }
    int fd() const { return m_fd; }

private:
    void release();

    void* m_data = nullptr;
    std::size_t m_size = 0;
    int m_fd = -1;
};

} // namespace bidlab::ipc
