// SPDX-License-Identifier: MIT
#include "core/engine/ipc/shared_memory.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

#include <QCoreApplication>

namespace bidlab::ipc {

namespace {

QString systemError(const char* what)
{
    return QCoreApplication::translate("SharedMemory", "%1 failed: %2")
        .arg(QString::fromLatin1(what), QString::fromLocal8Bit(std::strerror(errno)));
}

} // namespace

Expected<SharedMemory> SharedMemory::create(const char* name, std::size_t bytes)
{
    SharedMemory segment;
    segment.m_fd = memfd_create(name, MFD_CLOEXEC);
    if (segment.m_fd < 0)
        return Error { systemError("memfd_create") };
    if (ftruncate(segment.m_fd, static_cast<off_t>(bytes)) != 0)
        return Error { systemError("ftruncate of a shared-memory segment") };
    void* data = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, segment.m_fd, 0);
    if (data == MAP_FAILED)
        return Error { systemError("mmap of a shared-memory segment") };
    segment.m_data = data;
    segment.m_size = bytes;
    return segment;
}

Expected<SharedMemory> SharedMemory::attach(int fd, std::size_t minimumBytes)
{
    SharedMemory segment;
    segment.m_fd = fd;
    struct stat info
    { };
    if (fstat(fd, &info) != 0)
        return Error { systemError("fstat of the shared-memory descriptor") };
    const auto bytes = static_cast<std::size_t>(info.st_size);
    if (bytes < minimumBytes)
        return Error { QCoreApplication::translate("SharedMemory",
                                                   "The shared-memory segment has %1 bytes; at least %2 are needed.")
                           .arg(bytes)
                           .arg(minimumBytes) };
    void* data = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (data == MAP_FAILED)
        return Error { systemError("mmap of the shared-memory descriptor") };
    segment.m_data = data;
    segment.m_size = bytes;
    return segment;
}

SharedMemory::~SharedMemory()
{
    release();
}

SharedMemory::SharedMemory(SharedMemory&& other) noexcept
    : m_data(std::exchange(other.m_data, nullptr))
    , m_size(std::exchange(other.m_size, 0))
    , m_fd(std::exchange(other.m_fd, -1))
{ }

SharedMemory& SharedMemory::operator=(SharedMemory&& other) noexcept
{
    if (this != &other) {
        release();
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
        m_fd = std::exchange(other.m_fd, -1);
    }
    return *this;
}

void SharedMemory::release()
{
    if (m_data)
        munmap(m_data, m_size);
    if (m_fd >= 0)
        close(m_fd);
    m_data = nullptr;
    m_size = 0;
    m_fd = -1;
}

} // namespace bidlab::ipc
