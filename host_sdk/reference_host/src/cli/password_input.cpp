#include "cli/password_input.hpp"

#include "refhost/failure.hpp"
#include "refhost/i18n.hpp"

#include <openssl/crypto.h>

#include <termios.h>
#include <unistd.h>

#include <iostream>

namespace refhost::cli {

namespace {

// Turns terminal echo off for its lifetime.
class echo_off {
public:
    echo_off() {
        if (::tcgetattr(STDIN_FILENO, &saved_) != 0) return;
        termios quiet = saved_;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        active_ = ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
    }
    echo_off(const echo_off&) = delete;
    echo_off& operator=(const echo_off&) = delete;
    ~echo_off() {
        if (active_) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
    }

private:
    termios saved_{};
    bool active_ = false;
};

} // namespace

void wipe(std::string& secret) noexcept {
    if (!secret.empty()) OPENSSL_cleanse(secret.data(), secret.size());
    secret.clear();
}

std::string read_password(std::istream& in, std::ostream& prompt_to) {
    std::string password;
    const bool terminal = &in == &std::cin && ::isatty(STDIN_FILENO) == 1;
    if (terminal) {
        prompt_to << tr("Mot de passe : ", "Password: ") << std::flush;
        echo_off guard;
        std::getline(in, password);
        prompt_to << '\n';
    } else {
        std::getline(in, password);
    }
    if (!password.empty() && password.back() == '\r') password.pop_back();
    if (password.empty()) {
        throw failure(HS_E_INVALID_ARGUMENT, tr("aucun mot de passe lu sur l'entrée standard",
                                                "no password read from standard input"));
    }
    return password;
}

} // namespace refhost::cli
