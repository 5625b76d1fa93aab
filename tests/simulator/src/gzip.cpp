#include "jdsim/gzip.hpp"

#include <zlib.h>

#include <stdexcept>

namespace jdsim {

namespace {

// One deflate state per thread and level, reset between pieces: setting a state up (some 300 KB of
// tables) costs as much as compressing a small piece.
class reusable_deflater {
  public:
    ~reusable_deflater() {
        if (ready_) deflateEnd(&zs_);
    }

    z_stream& reset(int level) {
        if (ready_ && level != level_) {
            deflateEnd(&zs_);
            ready_ = false;
        }
        if (!ready_) {
            zs_ = z_stream{};
            // windowBits 15 + 16: write a gzip header and trailer instead of a zlib one.
            if (deflateInit2(&zs_, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
                throw std::runtime_error("zlib deflateInit2 failed");
            ready_ = true;
            level_ = level;
        } else {
            deflateReset(&zs_);
        }
        return zs_;
    }

  private:
    z_stream zs_{};
    bool ready_ = false;
    int level_ = 0;
};

}  // namespace

std::string gzip_compress(std::string_view in, int level) {
    thread_local reusable_deflater deflater;
    z_stream& zs = deflater.reset(level);
    std::string out;
    out.resize(deflateBound(&zs, static_cast<uLong>(in.size())) + 32);
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs.avail_in = static_cast<uInt>(in.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&zs, Z_FINISH);
    if (rc != Z_STREAM_END) throw std::runtime_error("zlib deflate did not finish");
    out.resize(zs.total_out);
    return out;
}

std::optional<std::string> gzip_decompress(std::string_view in) {
    z_stream zs{};
    if (inflateInit2(&zs, 15 + 16) != Z_OK) return std::nullopt;
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs.avail_in = static_cast<uInt>(in.size());
    std::string out;
    char buf[65536];
    int rc = Z_OK;
    while (rc == Z_OK) {
        zs.next_out = reinterpret_cast<Bytef*>(buf);
        zs.avail_out = sizeof buf;
        rc = inflate(&zs, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) break;
        out.append(buf, sizeof buf - zs.avail_out);
        if (rc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0) break;  // truncated input
    }
    inflateEnd(&zs);
    if (rc != Z_STREAM_END) return std::nullopt;
    return out;
}

}  // namespace jdsim
