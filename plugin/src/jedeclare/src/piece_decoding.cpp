#include "jedeclare/piece_decoding.hpp"

#include "jedeclare/wire_error.hpp"

#include <Poco/Exception.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>

#include <zlib.h>

#include <sstream>

namespace jd::jedeclare {

namespace {

[[noreturn]] void corrupt(const std::string& what)
{
    throw wire_error(error_kind::malformed_response, what);
}

[[noreturn]] void too_big(std::size_t limit)
{
    throw wire_error(error_kind::unexpected_response,
                     "decompressed piece exceeds the limit of " + std::to_string(limit) + " bytes");
}

} // namespace

bool looks_gzip(std::string_view bytes) noexcept
{
    return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
           static_cast<unsigned char>(bytes[1]) == 0x8b;
}

bool looks_zip(std::string_view bytes) noexcept
{
    return bytes.size() >= 4 && bytes[0] == 'P' && bytes[1] == 'K' &&
           ((bytes[2] == '\x03' && bytes[3] == '\x04') || (bytes[2] == '\x05' && bytes[3] == '\x06'));
}

std::string gunzip(std::string_view bytes, std::size_t max_output)
{
    z_stream stream{};
    if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK)
        corrupt("cannot initialise the gzip decoder");
    struct guard {
        z_stream* s;
        ~guard() { inflateEnd(s); }
    } release{&stream};

    std::string out;
    out.reserve(std::min<std::size_t>(bytes.size() * 4, max_output));
    char chunk[65536];
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    stream.avail_in = static_cast<uInt>(bytes.size());
    for (;;) {
        stream.next_out = reinterpret_cast<Bytef*>(chunk);
        stream.avail_out = sizeof chunk;
        const int status = inflate(&stream, Z_NO_FLUSH);
        const std::size_t produced = sizeof chunk - stream.avail_out;
        if (out.size() + produced > max_output)
            too_big(max_output);
        out.append(chunk, produced);
        if (status == Z_STREAM_END) {
            // Concatenated members are one stream (RFC 1952 §2.2); trailing zero padding is tolerated.
            const std::string_view rest(reinterpret_cast<const char*>(stream.next_in), stream.avail_in);
            if (looks_gzip(rest)) {
                if (inflateReset(&stream) != Z_OK)
                    corrupt("cannot restart the gzip decoder");
                continue;
            }
            if (rest.find_first_not_of('\0') != std::string_view::npos)
                corrupt("unexpected bytes after the gzip stream");
            return out;
        }
        if (status == Z_BUF_ERROR && stream.avail_in == 0)
            corrupt("gzip data is truncated");
        if (status != Z_OK && status != Z_BUF_ERROR)
            corrupt(std::string("gzip data is corrupt: ") + (stream.msg != nullptr ? stream.msg : "inflate error"));
        if (stream.avail_in == 0 && produced == 0)
            corrupt("gzip data is truncated");
    }
}

std::vector<piece_file> unzip(std::string_view bytes, std::size_t max_output)
{
    std::vector<piece_file> files;
    try {
        std::istringstream input{std::string(bytes)};
        const Poco::Zip::ZipArchive archive(input);
        std::size_t total = 0;
        for (auto it = archive.headerBegin(); it != archive.headerEnd(); ++it) {
            const Poco::Zip::ZipLocalFileHeader& header = it->second;
            if (header.isDirectory())
                continue;
            if (header.isEncrypted())
                throw wire_error(error_kind::unexpected_response, "zip member is encrypted");
            Poco::Zip::ZipInputStream member(input, header);
            piece_file file;
            file.name = header.getFileName();
            char chunk[65536];
            while (member.read(chunk, sizeof chunk) || member.gcount() > 0) {
                const auto got = static_cast<std::size_t>(member.gcount());
                total += got;
                if (total > max_output)
                    too_big(max_output);
                file.bytes.append(chunk, got);
            }
            files.push_back(std::move(file));
        }
    } catch (const wire_error&) {
        throw;
    } catch (const Poco::Exception& e) {
        corrupt("zip archive is corrupt: " + e.message());
    } catch (const std::exception& e) {
        corrupt(std::string("zip archive is corrupt: ") + e.what());
    }
    return files;
}

decoded_content decode_piece_content(std::string_view raw, const std::string& default_name, std::size_t max_output)
{
    decoded_content out;
    if (looks_gzip(raw)) {
        std::string inflated = gunzip(raw, max_output);
        if (looks_zip(inflated)) {
            out.encoding = piece_encoding::gzip_zip;
            out.files = unzip(inflated, max_output);
        } else {
            out.encoding = piece_encoding::gzip;
            out.files.push_back({default_name, std::move(inflated)});
        }
    } else if (looks_zip(raw)) {
        out.encoding = piece_encoding::zip;
        out.files = unzip(raw, max_output);
    } else {
        out.encoding = piece_encoding::plain;
        out.files.push_back({default_name, std::string(raw)});
    }
    return out;
}

} // namespace jd::jedeclare
