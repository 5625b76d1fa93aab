#include "store/pieces.hpp"

#include "database_impl.hpp"
#include "errors_from_poco.hpp"
#include "store/database.hpp"
#include "store/error.hpp"
#include "store/transaction.hpp"
#include "text_rules.hpp"

#include <Poco/Data/LOB.h>
#include <Poco/DigestEngine.h>
#include <Poco/Nullable.h>
#include <Poco/SHA2Engine.h>

namespace jd::store {

using namespace Poco::Data::Keywords;

std::string_view to_string(parse_state state) noexcept {
    switch (state) {
    case parse_state::pending: return "pending";
    case parse_state::parsed: return "parsed";
    case parse_state::failed: return "failed";
    }
    return "pending";
}

std::string_view to_string(put_outcome outcome) noexcept {
    switch (outcome) {
    case put_outcome::stored: return "stored";
    case put_outcome::already_stored: return "already_stored";
    case put_outcome::content_differs: return "content_differs";
    }
    return "stored";
}

namespace {

parse_state parse_state_from(const std::string& text) {
    if (text == "parsed") {
        return parse_state::parsed;
    }
    return text == "failed" ? parse_state::failed : parse_state::pending;
}

std::string sha256_hex(std::string_view bytes) {
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    engine.update(bytes.data(), static_cast<unsigned>(bytes.size()));
    return Poco::DigestEngine::digestToHex(engine.digest());
}

constexpr const char* info_columns = "SELECT numero, type_piece, sha256, size_bytes, downloaded_at, parse_state,"
                                     " parse_error, parsed_at, attempts";

struct info_rows {
    std::vector<std::string> numero, type, sha, state, error;
    std::vector<Poco::Int64> size, downloaded, attempts;
    std::vector<Poco::Nullable<Poco::Int64>> parsed;
    void clear() {
        numero.clear();
        type.clear();
        sha.clear();
        state.clear();
        error.clear();
        size.clear();
        downloaded.clear();
        attempts.clear();
        parsed.clear();
    }
    void bind(Poco::Data::Statement& statement) {
        statement, into(numero), into(type), into(sha), into(size), into(downloaded), into(state), into(error),
            into(parsed), into(attempts);
    }
    std::vector<piece_info> take() {
        std::vector<piece_info> out;
        out.reserve(numero.size());
        for (std::size_t i = 0; i < numero.size(); ++i) {
            piece_info row;
            row.numero = std::move(numero[i]);
            row.type_piece = std::move(type[i]);
            row.sha256 = std::move(sha[i]);
            row.size_bytes = size[i];
            row.downloaded_at = downloaded[i];
            row.state = parse_state_from(state[i]);
            row.parse_error = std::move(error[i]);
            if (!parsed[i].isNull()) {
                row.parsed_at = parsed[i].value();
            }
            row.attempts = attempts[i];
            out.push_back(std::move(row));
        }
        clear();
        return out;
    }
};

} // namespace

struct piece_repository::impl {
    impl(database& db_, std::string instance) : owner(db_), db(db_.internals()), instance_id(std::move(instance)) {}

    database& owner;
    database::impl& db;
    std::string instance_id;

    std::string numero;
    std::string type_piece;
    std::string sha;
    Poco::Int64 size = 0;
    Poco::Data::BLOB content;
    Poco::Int64 at = 0;
    std::string error;
    std::string state_param;
    Poco::Int64 limit = 0;

    info_rows rows;
    std::vector<std::string> numeros;
    std::vector<std::string> shas;
    std::vector<Poco::Data::BLOB> contents;
    std::vector<Poco::Int64> counts;

    std::optional<Poco::Data::Statement> insert, insert_content, insert_empty, sha_of, get_info, get_content, exists, known, list, parsed, failed,
        pending;

    template <typename Prepare>
    Poco::Data::Statement& statement(std::optional<Poco::Data::Statement>& slot, const std::string& sql,
                                     Prepare bind) {
        if (!slot) {
            slot.emplace(db.prepare(sql));
            bind(*slot);
        }
        return *slot;
    }

    void update_parse(std::optional<Poco::Data::Statement>& slot, const std::string& sql, const std::string& number,
                      std::string_view doing) {
        const auto affected = detail::guarded(doing, [&] {
            auto& st = statement(slot, sql, [&](Poco::Data::Statement& s) {
                s, use(instance_id), use(numero);
                if (sql.find("$3") != std::string::npos) {
                    s, use(at);
                }
                if (sql.find("$4") != std::string::npos) {
                    s, use(error);
                }
            });
            numero = number;
            return st.execute();
        });
        if (affected == 0) {
            throw store_error(error_code::not_found,
                              std::string(doing) + ": no piece " + detail::shown(number) + " in instance " +
                                  instance_id);
        }
    }
};

piece_repository::piece_repository(database& db, std::string instance_id)
    : impl_(std::make_unique<impl>(db, std::move(instance_id))) {
    detail::require_nonempty_text(impl_->instance_id, "instance_id", "pieces");
}

piece_repository::~piece_repository() = default;

put_outcome piece_repository::put(const std::string& numero, const std::string& type_piece,
                                  std::string_view content, epoch_ms downloaded_at) {
    auto& s = *impl_;
    detail::require_nonempty_text(numero, "numero", "piece");
    detail::require_text(type_piece, "type_piece", "piece " + numero);
    const std::string sha = sha256_hex(content);

    transaction tx(s.owner);
    const auto outcome = detail::guarded("storing piece " + numero, [&] {
        auto& insert = s.statement(
            s.insert,
            "INSERT INTO raw_piece (instance_id, numero, type_piece, sha256, size_bytes, downloaded_at, parse_state,"
            " parse_error, attempts) VALUES ($1, $2, $3, $4, $5, $6, 'pending', '', 0)"
            " ON CONFLICT (instance_id, numero) DO NOTHING",
            [&](Poco::Data::Statement& st) {
                st, use(s.instance_id), use(s.numero), use(s.type_piece), use(s.sha), use(s.size), use(s.at);
            });
        // Poco cannot bind an empty BLOB (NULL on SQLite, a crash on PostgreSQL): an empty piece gets a literal.
        const bool empty = content.empty();
        const std::string empty_literal = s.db.kind == backend::sqlite ? "X''" : "''::bytea";
        auto& insert_content = s.statement(
            empty ? s.insert_empty : s.insert_content,
            "INSERT INTO raw_piece_content (instance_id, numero, content) VALUES ($1, $2, " +
                (empty ? empty_literal : std::string("$3")) + ")",
            [&](Poco::Data::Statement& st) {
                st, use(s.instance_id), use(s.numero);
                if (!empty) {
                    st, use(s.content);
                }
            });
        s.numero = numero;
        s.type_piece = type_piece;
        s.sha = sha;
        s.size = static_cast<Poco::Int64>(content.size());
        s.at = downloaded_at;
        if (insert.execute() > 0) {
            s.content = Poco::Data::BLOB(reinterpret_cast<const unsigned char*>(content.data()), content.size());
            insert_content.execute();
            s.content = Poco::Data::BLOB();
            return put_outcome::stored;
        }
        auto& sha_of = s.statement(s.sha_of, "SELECT sha256 FROM raw_piece WHERE instance_id = $1 AND numero = $2",
                                   [&](Poco::Data::Statement& st) {
                                       st, use(s.instance_id), use(s.numero), into(s.shas);
                                   });
        s.shas.clear();
        sha_of.execute();
        return !s.shas.empty() && s.shas.front() == sha ? put_outcome::already_stored : put_outcome::content_differs;
    });
    tx.commit();
    return outcome;
}

std::optional<piece_info> piece_repository::info(const std::string& numero) {
    auto& s = *impl_;
    auto rows = detail::guarded("reading piece " + detail::shown(numero), [&] {
        auto& st = s.statement(s.get_info,
                               std::string(info_columns) + " FROM raw_piece WHERE instance_id = $1 AND numero = $2",
                               [&](Poco::Data::Statement& x) {
                                   x, use(s.instance_id), use(s.numero);
                                   s.rows.bind(x);
                               });
        s.numero = numero;
        s.rows.clear();
        st.execute();
        return s.rows.take();
    });
    if (rows.empty()) {
        return std::nullopt;
    }
    return std::move(rows.front());
}

std::optional<piece> piece_repository::get(const std::string& numero) {
    auto& s = *impl_;
    auto found = info(numero);
    if (!found) {
        return std::nullopt;
    }
    piece result;
    result.info = std::move(*found);
    if (result.info.size_bytes == 0) {
        return result; // nothing to read (and Poco's BLOB extraction does not like empty values)
    }
    detail::guarded("reading the bytes of piece " + detail::shown(numero), [&] {
        auto& st = s.statement(s.get_content, "SELECT content FROM raw_piece_content WHERE instance_id = $1 AND numero = $2",
                               [&](Poco::Data::Statement& x) { x, use(s.instance_id), use(s.numero), into(s.contents); });
        s.numero = numero;
        s.contents.clear();
        st.execute();
    });
    if (!s.contents.empty()) {
        const auto& blob = s.contents.front();
        if (blob.size() > 0) {
            result.content.assign(reinterpret_cast<const char*>(blob.rawContent()), blob.size());
        }
        s.contents.clear();
    }
    return result;
}

bool piece_repository::contains(const std::string& numero) {
    auto& s = *impl_;
    return detail::guarded("looking up piece " + detail::shown(numero), [&] {
        auto& st = s.statement(s.exists, "SELECT COUNT(*) FROM raw_piece WHERE instance_id = $1 AND numero = $2",
                               [&](Poco::Data::Statement& x) { x, use(s.instance_id), use(s.numero), into(s.counts); });
        s.numero = numero;
        s.counts.clear();
        st.execute();
        return !s.counts.empty() && s.counts.front() > 0;
    });
}

std::vector<std::string> piece_repository::known_numeros() {
    auto& s = *impl_;
    return detail::guarded("listing the pieces of instance " + s.instance_id, [&] {
        auto& st = s.statement(s.known, "SELECT numero FROM raw_piece WHERE instance_id = $1",
                               [&](Poco::Data::Statement& x) { x, use(s.instance_id), into(s.numeros); });
        s.numeros.clear();
        st.execute();
        std::vector<std::string> out;
        out.swap(s.numeros);
        return out;
    });
}

std::vector<piece_info> piece_repository::list(parse_state state, std::size_t limit) {
    auto& s = *impl_;
    return detail::guarded("listing the pieces of instance " + s.instance_id, [&] {
        auto& st = s.statement(s.list,
                               std::string(info_columns) +
                                   " FROM raw_piece WHERE instance_id = $1 AND parse_state = $2"
                                   " ORDER BY downloaded_at, numero LIMIT $3",
                               [&](Poco::Data::Statement& x) {
                                   x, use(s.instance_id), use(s.state_param), use(s.limit);
                                   s.rows.bind(x);
                               });
        s.state_param = std::string(to_string(state));
        s.limit = static_cast<Poco::Int64>(limit);
        s.rows.clear();
        st.execute();
        return s.rows.take();
    });
}

void piece_repository::mark_parsed(const std::string& numero, epoch_ms at) {
    auto& s = *impl_;
    s.at = at;
    s.update_parse(s.parsed,
                   "UPDATE raw_piece SET parse_state = 'parsed', parse_error = '', parsed_at = $3,"
                   " attempts = attempts + 1 WHERE instance_id = $1 AND numero = $2",
                   numero, "recording that piece " + detail::shown(numero) + " was parsed");
}

void piece_repository::mark_failed(const std::string& numero, const std::string& error, epoch_ms at) {
    auto& s = *impl_;
    s.at = at;
    s.error = detail::repaired_text(error);
    s.update_parse(s.failed,
                   "UPDATE raw_piece SET parse_state = 'failed', parsed_at = $3, parse_error = $4,"
                   " attempts = attempts + 1 WHERE instance_id = $1 AND numero = $2",
                   numero, "recording that piece " + detail::shown(numero) + " failed to parse");
}

void piece_repository::mark_pending(const std::string& numero) {
    auto& s = *impl_;
    s.update_parse(s.pending,
                   "UPDATE raw_piece SET parse_state = 'pending' WHERE instance_id = $1 AND numero = $2", numero,
                   "putting piece " + detail::shown(numero) + " back to pending");
}

} // namespace jd::store
