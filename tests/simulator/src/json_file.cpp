#include "jdsim/json_file.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <fstream>
#include <stdexcept>
#include <unistd.h>

namespace jdsim {
namespace {

void indent(std::string& out, int level) { out.append(static_cast<std::size_t>(level) * 2, ' '); }

void pretty(std::string& out, const boost::json::value& v, int level) {
    if (v.is_object()) {
        const auto& o = v.as_object();
        if (o.empty()) {
            out += "{}";
            return;
        }
        // Small objects of scalars stay on one line.
        const bool scalars = std::all_of(o.begin(), o.end(), [](const auto& kv) { return !kv.value().is_object() && !kv.value().is_array(); });
        if (scalars) {
            std::string line = boost::json::serialize(v);
            if (line.size() <= 100) {
                out += line;
                return;
            }
        }
        out += "{\n";
        bool first = true;
        for (const auto& kv : o) {
            if (!first) out += ",\n";
            first = false;
            indent(out, level + 1);
            out += boost::json::serialize(boost::json::value(kv.key()));
            out += ": ";
            pretty(out, kv.value(), level + 1);
        }
        out += '\n';
        indent(out, level);
        out += '}';
    } else if (v.is_array()) {
        const auto& a = v.as_array();
        if (a.empty()) {
            out += "[]";
            return;
        }
        // Arrays of scalars stay on one line.
        const bool flat = std::all_of(a.begin(), a.end(), [](const boost::json::value& e) { return !e.is_object() && !e.is_array(); });
        if (flat) {
            out += boost::json::serialize(v);
            return;
        }
        out += "[\n";
        bool first = true;
        for (const auto& e : a) {
            if (!first) out += ",\n";
            first = false;
            indent(out, level + 1);
            pretty(out, e, level + 1);
        }
        out += '\n';
        indent(out, level);
        out += ']';
    } else {
        out += boost::json::serialize(v);
    }
}

}  // namespace

std::string pretty_json(const boost::json::value& v) {
    std::string out;
    pretty(out, v, 0);
    out += '\n';
    return out;
}

void write_file_atomically(const std::filesystem::path& path, const std::string& content) {
    const std::filesystem::path tmp = path.string() + ".tmp." + std::to_string(::getpid());
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) throw std::runtime_error("cannot write " + tmp.string());
        out.write(content.data(), static_cast<std::streamsize>(content.size()));
        out.flush();
        if (!out) throw std::runtime_error("write failed on " + tmp.string());
    }
    std::filesystem::rename(tmp, path);
}

}  // namespace jdsim
