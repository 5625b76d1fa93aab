#pragma once
// Storage for the text of one statement: fixed blocks that never move, so string_views into them stay valid
// while the owner lives (moves included). clear() keeps the blocks: a parser that reuses its statement
// makes no heap allocation once the blocks exist.

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

namespace jd::statement {

class text_arena {
public:
    /// Blocks grow from first_block_size to block_size (small statements stay small).
    static constexpr std::size_t first_block_size = 4 * 1024;
    static constexpr std::size_t block_size = 64 * 1024;
    /// Every block has this many readable bytes after its end, so that word-wise code may read a little past
    /// the end of a view without leaving the allocation.
    static constexpr std::size_t tail_slack = 64;

    text_arena() = default;
    /// The blocks move with their views; the moved-from arena is left empty.
    text_arena(text_arena&& other) noexcept;
    text_arena& operator=(text_arena&& other) noexcept;
    ~text_arena() = default;
    text_arena(const text_arena&) = delete;
    text_arena& operator=(const text_arena&) = delete;

    /// Room for at most `size` bytes, contiguous; commit() says how many were used.
    [[nodiscard]] char* reserve(std::size_t size) {
        if (limit_ - used_ < size) [[unlikely]] {
            next_block(size);
        }
        return base_ + used_;
    }
    /// Takes `size` bytes of the last reserve() and returns them as a view.
    std::string_view commit(std::size_t size) noexcept {
        const char* start = base_ + used_;
        used_ += size;
        return {start, size};
    }
    std::string_view store(std::string_view text);

    void clear() noexcept;
    /// Bytes held by the blocks (not the bytes in use).
    [[nodiscard]] std::size_t capacity() const noexcept;

private:
    void next_block(std::size_t size);

    std::vector<std::unique_ptr<char[]>> blocks_;
    std::vector<std::size_t> sizes_;
    std::size_t current_ = 0;  ///< index of the block in use
    char* base_ = nullptr;     ///< that block
    std::size_t used_ = 0;
    std::size_t limit_ = 0;    ///< its size
};

} // namespace jd::statement
