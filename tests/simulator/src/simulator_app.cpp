#include "jdsim/simulator_app.hpp"

#include "jdsim/base64.hpp"
#include "jdsim/french_text.hpp"
#include "jdsim/truth.hpp"

#include <boost/json.hpp>

namespace jdsim {
namespace {

http_answer json_answer(unsigned status, const boost::json::value& v) {
    http_answer a;
    a.status = status;
    a.content_type = "application/json";
    a.body = boost::json::serialize(v);
    a.body += '\n';
    return a;
}

http_answer json_error(unsigned status, const std::string& message) {
    return json_answer(status, boost::json::object{{"error", message}});
}

std::string_view path_of(std::string_view target) { return target.substr(0, target.find('?')); }

date first_day(const dataset& ds) { return ds.days().empty() ? ds.params().end_date : ds.days().front(); }

}  // namespace

simulator_app::simulator_app(const dataset& ds, app_options options)
    : ds_(ds),
      options_(std::move(options)),
      store_(ds, !options_.pieces_dir, options_.marking, options_.unmarked_couples),
      soap_(ds.firm_model(), store_, options_.gzip_level),
      gestion_(ds.firm_model(), options_.shape, first_day(ds)),
      faults_(options_.fault_seed),
      host_(plan_host(ds.params().seed, ds.firm_model())) {
    faults_.replace(options_.faults);
    if (options_.pieces_dir) {
        std::uint32_t target = 0;
        const auto& comptes = ds.firm_model().comptes;
        for (std::uint32_t c = 0; c < comptes.size(); ++c)
            if (comptes[c].subscribes("RELEVE")) {
                target = c;
                break;
            }
        store_.load_directory(*options_.pieces_dir, target);
    }
}

simulator_app::classified simulator_app::classify(const incoming_request& req) const {
    classified c;
    const std::string_view path = path_of(req.target);
    if (path.starts_with(control_prefix)) {
        c.where = route::control;
        return c;
    }
    if (path == soap_path || path == soap_path.substr(0, soap_path.size() - 1)) {
        c.where = route::soap;
        if (req.method != "POST") return c;
        auto parsed = parse_soap_request(req.body);
        if (auto* r = std::get_if<soap_request>(&parsed)) {
            if (r->operation == soap_operation::list) c.op = operation_kind::list;
            if (r->operation == soap_operation::download) c.op = operation_kind::download;
            c.soap = std::move(*r);
        } else {
            c.soap_error = std::get<soap_parse_error>(parsed);
        }
        return c;
    }
    if (path.starts_with(gestion_prefix)) {
        c.where = route::gestion;
        c.op = operation_kind::gestion;
        return c;
    }
    return c;
}

http_answer simulator_app::answer(const incoming_request& req, const classified& c, std::optional<fault_type> forced) {
    switch (c.where) {
        case route::control: return control(req);
        case route::gestion: return gestion_.handle(req.method, req.target, req.authorization, forced == fault_type::invalid_credentials);
        case route::soap: {
            if (req.method != "POST") {
                http_answer a = text_answer(405, "Le service CommunicationV2 n'accepte que POST (SOAP 1.1)");
                a.headers.emplace_back("Allow", "POST");
                return a;
            }
            if (c.soap_error) return soap_service::fault("Client", "Requête SOAP refusée : " + c.soap_error->message);
            return soap_.handle(*c.soap, forced);
        }
        case route::unknown: break;
    }
    return text_answer(404, "Ressource inconnue : " + std::string(path_of(req.target)));
}

const boost::json::object& simulator_app::truth() {
    std::lock_guard lock(truth_mutex_);
    if (!truth_) {
        if (options_.pieces_dir) {
            truth_ = boost::json::object{{"ribs", boost::json::array{}},
                                         {"movements_total", 0},
                                         {"available", false},
                                         {"reason", "pieces are served from a directory: their content is not known"}};
        } else {
            truth_ = build_truth(ds_, host_);
            (*truth_)["available"] = true;
        }
    }
    return *truth_;
}

boost::json::object simulator_app::stats_json() {
    boost::json::object o = stats_.to_json();
    o["faults_injected"] = faults_.injected();
    o["pieces_retrieved"] = store_.retrievals();
    return o;
}

http_answer simulator_app::add_pieces(const std::string& body) {
    boost::json::value v;
    try {
        v = boost::json::parse(body);
    } catch (const std::exception& e) {
        return json_error(400, std::string("body is not JSON: ") + e.what());
    }
    if (!v.is_object() || !v.as_object().contains("pieces") || !v.at("pieces").is_array())
        return json_error(400, "expected {\"compte\": login (optional), \"pieces\": [{...}]}");
    const auto& comptes = ds_.firm_model().comptes;
    std::uint32_t compte = 0;
    if (const auto* login = v.as_object().if_contains("compte")) {
        if (!login->is_string()) return json_error(400, "\"compte\" must be a login");
        bool found = false;
        for (std::uint32_t c = 0; c < comptes.size(); ++c)
            if (comptes[c].login == login->as_string()) {
                compte = c;
                found = true;
            }
        if (!found) return json_error(404, "unknown compte " + std::string(login->as_string()));
    }
    boost::json::array numeros;
    for (const auto& pv : v.at("pieces").as_array()) {
        if (!pv.is_object()) return json_error(400, "each piece is an object");
        const auto& p = pv.as_object();
        std::string content;
        if (const auto* b64 = p.if_contains("content_base64")) {
            auto decoded = b64->is_string() ? base64_decode(b64->as_string()) : std::nullopt;
            if (!decoded) return json_error(400, "content_base64 is not base64");
            content = std::move(*decoded);
        } else if (const auto* text = p.if_contains("content")) {
            if (!text->is_string()) return json_error(400, "content must be a string");
            content = to_latin1(text->as_string());  // CFONB files are Latin-1
        }
        date published = date::today_utc();
        if (const auto* d = p.if_contains("date")) {
            auto parsed = d->is_string() ? date::parse_iso(d->as_string()) : std::nullopt;
            if (!parsed) return json_error(400, "date must be AAAA-MM-JJ");
            published = *parsed;
        }
        std::string dossier;
        if (const auto* d = p.if_contains("dossier"); d && d->is_string()) dossier = d->as_string();
        std::uint64_t numero = 0;
        if (const auto* n = p.if_contains("numero"); n && n->is_number()) numero = static_cast<std::uint64_t>(n->to_number<double>());
        try {
            numeros.emplace_back(store_.add(compte, std::move(content), published, dossier, numero));
        } catch (const std::exception& e) {
            return json_error(409, e.what());
        }
    }
    return json_answer(200, boost::json::object{{"compte", comptes[compte].login}, {"numeros", std::move(numeros)}});
}

http_answer simulator_app::control(const incoming_request& req) {
    stats_.control_request();
    const std::string_view path = path_of(req.target);
    const std::string_view what = path.substr(control_prefix.size());
    const std::string& m = req.method;
    if (what == "stats" && m == "GET") return json_answer(200, stats_json());
    if (what == "stats" && m == "DELETE") {
        stats_.reset();
        return json_answer(200, stats_json());
    }
    if (what == "faults") {
        if (m == "GET" || m == "DELETE" || m == "POST") {
            if (m == "DELETE") faults_.clear();
            if (m == "POST") {
                try {
                    const boost::json::value v = boost::json::parse(req.body);
                    const boost::json::array* list = nullptr;
                    if (v.is_array())
                        list = &v.as_array();
                    else if (v.is_object() && v.as_object().contains("faults") && v.at("faults").is_array())
                        list = &v.at("faults").as_array();
                    if (!list) return json_error(400, "expected {\"faults\": [...]}");
                    std::vector<fault_spec> specs;
                    for (const auto& f : *list) {
                        if (!f.is_object()) return json_error(400, "each fault is an object");
                        specs.push_back(parse_fault_json(f.as_object()));
                    }
                    faults_.replace(std::move(specs));
                } catch (const std::invalid_argument& e) {
                    return json_error(400, e.what());
                } catch (const std::exception& e) {
                    return json_error(400, std::string("body is not JSON: ") + e.what());
                }
            }
            boost::json::array active;
            for (const auto& f : faults_.active()) active.push_back(to_json(f));
            return json_answer(200, boost::json::object{{"faults", std::move(active)}});
        }
    }
    if (what == "pieces" && m == "POST") return add_pieces(req.body);
    if (what == "truth" && m == "GET") return json_answer(200, truth());
    if (what == "host-seed" && m == "GET") return json_answer(200, host_.to_json());
    if (what == "retrievals" && m == "DELETE") {
        store_.reset_retrievals();
        return json_answer(200, boost::json::object{{"pieces_retrieved", 0}});
    }
    if (what == "health" && m == "GET") return json_answer(200, boost::json::object{{"ok", true}});
    return json_error(404, "unknown control request " + m + " " + std::string(path));
}

}  // namespace jdsim
