// SPDX-License-Identifier: MIT
#pragma once

#include <utility>
#include <variant>

#include <QString>

namespace bidlab {

// A user-facing failure: a whole sentence that names what went wrong and where.
struct Error
{
    QString message;
};

// The value of an operation that can fail (std::expected arrives only in C++23).
template<class T> class Expected
{
public:
    Expected(T value)
        : m_state(std::move(value))
    { }
    Expected(Error error)
        : m_state(std::move(error))
    { }

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    const T& value() const& { return std::get<T>(m_state); }
    T& value() & { return std::get<T>(m_state); }
    T&& value() && { return std::get<T>(std::move(m_state)); }
    const T* operator->() const { return &value(); }
    T* operator->() { return &value(); }
    const T& operator*() const& { return value(); }

    // The failure's message; empty when ok().
    QString error() const { return ok() ? QString() : std::get<Error>(m_state).message; }

private:
    std::variant<T, Error> m_state;
};

// For operations that return nothing but can fail.
struct Done
{ };
using Status = Expected<Done>;

inline Status success()
{
    return Done {};
}

} // namespace bidlab
