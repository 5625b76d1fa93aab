#include "jedeclare/client.hpp"

#include "jedeclare/base64.hpp"
#include "jedeclare/date_windows.hpp"
#include "jedeclare/gestion_response.hpp"
#include "jedeclare/piece_decoding.hpp"
#include "jedeclare/soap_envelope.hpp"
#include "jedeclare/soap_response.hpp"
#include "lane.hpp"
#include "tls_context.hpp"

#include <boost/beast/http/field.hpp>
#include <boost/beast/http/verb.hpp>

#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <random>
#include <unordered_set>

namespace jd::jedeclare {

namespace http = boost::beast::http;

wire_context::wire_context(client_config configuration)
    : config(std::move(configuration)),
      soap(parse_https_url(config.soap_url)),
      gestion(parse_https_url(config.gestion_url)),
      tls(make_tls_context(config.ca_file)),
      clean(config.credentials)
{
    if (gestion.path.back() != '/')
        gestion.path += '/';
    if (config.max_connections == 0)
        config.max_connections = 1;
    if (config.io_threads == 0)
        config.io_threads = 1;
    if (config.io_threads > config.max_connections)
        config.io_threads = config.max_connections;
    if (config.retry.max_attempts == 0)
        config.retry.max_attempts = 1;
}

void wire_context::log(log_level level, std::string_view event, const log_fields& fields) const noexcept
{
    if (!config.log)
        return;
    try {
        config.log(level, event, fields);
    } catch (...) {
        // Logging must never change the outcome of a call.
    }
}

namespace {

enum class service { soap, gestion };

const char* user_agent = "jedeclare-aggregator/1.0";

void check_status(const wire_context& context, const http_response& response, service kind)
{
    const unsigned status = response.status;
    if (status >= 200 && status < 300)
        return;
    const std::string detail = "HTTP " + std::to_string(status);
    if (status == 429)
        throw wire_error(error_kind::rate_limited, detail).with_http_status(status).with_retry_after(response.retry_after);
    if (status == 401)
        throw wire_error(error_kind::invalid_credentials, detail).with_http_status(status);
    if (status == 404) {
        if (kind == service::soap)
            throw wire_error(error_kind::http_error, detail + " (check the service URL)").with_http_status(status);
        throw wire_error(error_kind::unknown_account, detail).with_http_status(status);
    }
    if (status >= 500 && kind == service::soap)
        if (auto fault = soap_fault_in(response.body, context.clean))
            throw fault->with_http_status(status);
    if (status >= 500 || status == 408)
        throw wire_error(error_kind::server_unavailable, detail).with_http_status(status).with_retry_after(response.retry_after);
    throw wire_error(error_kind::http_error, detail).with_http_status(status);
}

[[noreturn]] void throw_return_code(const wire_context& context, error_kind kind, const std::string& code,
                                    const std::string& server_message)
{
    std::string detail = "codeRetour " + context.clean.clean(code, 10);
    if (const std::string text = context.clean.clean(server_message); !text.empty())
        detail += ": " + text;
    throw wire_error(kind, std::move(detail)).with_return_code(code);
}

void split_connections(std::size_t total, std::size_t lanes, std::vector<std::size_t>& shares)
{
    shares.assign(lanes, total / lanes);
    for (std::size_t i = 0; i < total % lanes; ++i)
        ++shares[i];
}

} // namespace

struct client::impl {
    explicit impl(client_config configuration) : context(std::move(configuration))
    {
        std::vector<std::size_t> shares;
        split_connections(context.config.max_connections, context.config.io_threads, shares);
        std::uint64_t seed = context.config.jitter_seed;
        if (seed == 0)
            seed = (std::uint64_t{std::random_device{}()} << 32) ^ std::random_device{}();
        for (std::size_t i = 0; i < shares.size(); ++i)
            lanes.push_back(std::make_unique<lane>(context, shares[i], seed + i));
    }

    ~impl()
    {
        context.cancelled.store(true);
        lanes.clear(); // each lane aborts its calls and joins its thread
    }

    lane& pick() { return *lanes[next.fetch_add(1, std::memory_order_relaxed) % lanes.size()]; }

    std::shared_ptr<http_call> soap_call(std::string operation, std::string body) const
    {
        auto call = std::make_shared<http_call>();
        call->operation = std::move(operation);
        call->url = &context.soap;
        auto& request = call->request;
        request.method(http::verb::post);
        request.target(context.soap.path);
        request.version(11);
        request.set(http::field::host, context.soap.host_header());
        request.set(http::field::user_agent, user_agent);
        request.set(http::field::content_type, "text/xml; charset=utf-8");
        request.set(http::field::soapaction, "\"\"");
        request.set(http::field::accept, "text/xml, application/xml");
        request.keep_alive(true);
        request.body() = std::move(body);
        request.prepare_payload();
        return call;
    }

    std::shared_ptr<http_call> gestion_call(std::string operation, std::string target) const
    {
        if (context.config.credentials.gestion_account_id.empty())
            throw wire_error(error_kind::configuration, "the gestion account id is not configured")
                .with_operation(std::move(operation));
        auto call = std::make_shared<http_call>();
        call->operation = std::move(operation);
        call->url = &context.gestion;
        auto& request = call->request;
        request.method(http::verb::get);
        request.target(context.gestion.path + target);
        request.version(11);
        request.set(http::field::host, context.gestion.host_header());
        request.set(http::field::user_agent, user_agent);
        request.set(http::field::accept, "application/xml");
        // Preemptive Basic: the service answers 401 without a challenge round trip otherwise.
        const auto& credentials = context.config.credentials;
        request.set(http::field::authorization,
                    "Basic " + base64_encode(credentials.login + ":" + credentials.password.reveal()));
        request.keep_alive(true);
        request.prepare_payload();
        return call;
    }

    std::string account_path() const
    {
        return "compte/" + encode_path_segment(context.config.credentials.gestion_account_id) + "/dossierClient";
    }

    // Runs one call to completion in the caller's thread.
    void run(std::shared_ptr<const http_call> call, response_check check)
    {
        auto promise = std::make_shared<std::promise<std::optional<wire_error>>>();
        auto future = promise->get_future();
        pick().submit(std::move(call), std::move(check), [promise](std::optional<wire_error> failure) {
            promise->set_value(std::move(failure));
        });
        if (auto failure = future.get())
            throw std::move(*failure);
    }

    // One DemandeAccuse: the call and the check that fills `out`.
    std::pair<std::shared_ptr<http_call>, response_check> download_call(const std::string& numero,
                                                                        std::shared_ptr<downloaded_piece> out)
    {
        auto call = soap_call("DemandeAccuse",
                              build_download_envelope(context.config.credentials, context.config.identification,
                                                      numero, context.config.download_mime_type));
        response_check check = [this, numero, out](http_response& response) {
            check_status(context, response, service::soap);
            piece_response parsed = parse_piece_response(response.body, context.clean);
            if (const auto kind = error_for_return_code(parsed.code_retour))
                throw_return_code(context, *kind, parsed.code_retour, parsed.message);
            if (!parsed.piece_jointe)
                throw wire_error(error_kind::malformed_response, "DemandeAccuse answer without pieceJointe");
            downloaded_piece piece;
            piece.numero = numero;
            piece.date = std::move(parsed.date);
            piece.type_de_piece = std::move(parsed.type_de_piece);
            piece.content_type = std::move(parsed.content_type);
            piece.raw = base64_decode(*parsed.piece_jointe);
            decoded_content decoded = decode_piece_content(piece.raw, numero, context.config.max_piece_bytes);
            piece.encoding = decoded.encoding;
            piece.files = std::move(decoded.files);
            *out = std::move(piece);
        };
        return {std::move(call), std::move(check)};
    }

    wire_context context;
    std::vector<std::unique_ptr<lane>> lanes;
    std::atomic<std::size_t> next{0};
};

client::client(client_config config) : impl_(std::make_unique<impl>(std::move(config))) {}

client::~client() = default;

std::vector<piece_info> client::list_pieces(const list_query& query)
{
    std::vector<list_window> windows;
    if (query.from) {
        const auto to = query.to ? *query.to : utc_today();
        if (std::chrono::sys_days{*query.from} > std::chrono::sys_days{to})
            throw wire_error(error_kind::configuration, "dateDebut is after dateFin")
                .with_operation("ListeDisponibiliteV2");
        for (const date_range& range : split_date_range(*query.from, to, impl_->context.config.list_window_days))
            windows.push_back({range.from, range.to});
    } else {
        windows.push_back({std::nullopt, query.to});
    }

    std::vector<piece_info> pieces;
    std::unordered_set<std::string> seen;
    for (const list_window& window : windows) {
        auto call = impl_->soap_call("ListeDisponibiliteV2",
                                     build_list_envelope(impl_->context.config.credentials,
                                                         impl_->context.config.identification, query, window));
        auto items = std::make_shared<std::vector<piece_info>>();
        impl_->run(std::move(call), [this, items](http_response& response) {
            const wire_context& context = impl_->context;
            check_status(context, response, service::soap);
            list_response parsed = parse_list_response(response.body, context.clean);
            if (const auto kind = error_for_return_code(parsed.code_retour))
                throw_return_code(context, *kind, parsed.code_retour, parsed.message);
            *items = std::move(parsed.items);
        });
        // A piece listed by two windows comes back once.
        for (piece_info& item : *items)
            if (seen.insert(item.numero).second)
                pieces.push_back(std::move(item));
    }
    return pieces;
}

downloaded_piece client::download_piece(const std::string& numero)
{
    auto out = std::make_shared<downloaded_piece>();
    auto [call, check] = impl_->download_call(numero, out);
    impl_->run(std::move(call), std::move(check));
    return std::move(*out);
}

download_summary client::download_many(const std::vector<std::string>& numeros, const piece_callback& on_piece,
                                       std::size_t concurrency)
{
    if (concurrency == 0)
        concurrency = 2 * impl_->context.config.max_connections;

    // Completions arrive on I/O threads; the callback runs here, one result at a time.
    struct mailbox {
        std::mutex mutex;
        std::condition_variable ready;
        std::deque<download_result> results;
    };
    auto box = std::make_shared<mailbox>();

    download_summary summary;
    std::size_t next = 0;
    std::size_t in_flight = 0;
    bool stop = false;
    bool saw_cancel = false;
    std::exception_ptr callback_failure;

    auto start_one = [&](const std::string& numero) {
        auto piece = std::make_shared<downloaded_piece>();
        auto [call, check] = impl_->download_call(numero, piece);
        impl_->pick().submit(std::move(call), std::move(check), [box, numero, piece](std::optional<wire_error> failure) {
            download_result result;
            result.numero = numero;
            if (failure)
                result.error = std::move(failure);
            else
                result.piece = std::move(*piece);
            {
                std::lock_guard lock(box->mutex);
                box->results.push_back(std::move(result));
            }
            box->ready.notify_one();
        });
        ++in_flight;
    };

    for (;;) {
        if (impl_->context.cancelled.load())
            stop = saw_cancel = true;
        while (!stop && next < numeros.size() && in_flight < concurrency)
            start_one(numeros[next++]);
        if (in_flight == 0)
            break;
        download_result result;
        {
            std::unique_lock lock(box->mutex);
            box->ready.wait(lock, [&box] { return !box->results.empty(); });
            result = std::move(box->results.front());
            box->results.pop_front();
        }
        --in_flight;
        if (result.piece)
            ++summary.downloaded;
        else
            ++summary.failed;
        if (result.error && result.error->kind() == error_kind::cancelled)
            stop = saw_cancel = true;
        if (callback_failure)
            continue; // draining: the caller will get the exception
        try {
            if (!on_piece(result))
                stop = true;
        } catch (...) {
            callback_failure = std::current_exception();
            stop = true;
        }
    }
    summary.not_started = numeros.size() - next;
    if (callback_failure)
        std::rethrow_exception(callback_failure);
    if (saw_cancel)
        throw wire_error(error_kind::cancelled, std::to_string(summary.not_started) + " downloads not started")
            .with_operation("DemandeAccuse");
    return summary;
}

std::vector<dossier> client::list_dossiers()
{
    auto call = impl_->gestion_call("gestion.dossierClient", impl_->account_path());
    auto out = std::make_shared<std::vector<dossier>>();
    impl_->run(std::move(call), [this, out](http_response& response) {
        check_status(impl_->context, response, service::gestion);
        *out = parse_dossiers(response.body);
    });
    return std::move(*out);
}

std::vector<rib> client::list_ribs(const std::string& dossier_id)
{
    auto call = impl_->gestion_call("gestion.rib",
                                    impl_->account_path() + "/" + encode_path_segment(dossier_id) + "/rib");
    auto out = std::make_shared<std::vector<rib>>();
    impl_->run(std::move(call), [this, out](http_response& response) {
        // Here a 404 is most often a dossier that went away; list_dossiers() is the call that tells about the account.
        if (response.status == 404)
            throw wire_error(error_kind::http_error, "HTTP 404: dossier (or account) unknown to JeDéclare.com")
                .with_http_status(404);
        check_status(impl_->context, response, service::gestion);
        *out = parse_ribs(response.body);
    });
    return std::move(*out);
}

void client::cancel() noexcept
{
    impl_->context.cancelled.store(true);
    const std::uint64_t epoch = impl_->context.cancel_epoch.fetch_add(1) + 1;
    for (auto& one : impl_->lanes)
        one->abort_all(epoch);
}

void client::resume() noexcept { impl_->context.cancelled.store(false); }

bool client::cancelled() const noexcept { return impl_->context.cancelled.load(); }

client_stats client::stats() const
{
    const wire_context& context = impl_->context;
    client_stats out;
    out.tls_handshakes = context.tls_handshakes.load();
    out.connect_attempts = context.connect_attempts.load();
    out.requests = context.requests.load();
    out.retries = context.retries.load();
    out.bytes_received = context.bytes_received.load();
    return out;
}

} // namespace jd::jedeclare
