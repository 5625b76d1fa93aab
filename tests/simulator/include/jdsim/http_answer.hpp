#pragma once
// An HTTP answer as the services produce it, before the server applies faults and writes it.
#include <string>
#include <utility>
#include <vector>

namespace jdsim {

struct http_answer {
    unsigned status = 200;
    std::string content_type = "text/plain; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string return_code;  // the SOAP codeRetour, for statistics; empty when there is none
};

inline http_answer text_answer(unsigned status, std::string body) {
    http_answer a;
    a.status = status;
    a.body = std::move(body);
    if (!a.body.empty() && a.body.back() != '\n') a.body += '\n';
    return a;
}

}  // namespace jdsim
