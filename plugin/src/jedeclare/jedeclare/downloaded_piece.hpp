#pragma once

#include <string>
#include <vector>

namespace jd::jedeclare {

// One file carried by a piece: the piece itself, or the gunzipped piece, or one member of a zip archive.
struct piece_file {
    std::string name;  // archive member name, or the piece number for a plain piece
    std::string bytes; // raw bytes (CFONB is latin-1: no text conversion happens here)
};

enum class piece_encoding { plain, gzip, zip, gzip_zip };

// What DemandeAccuse returned for one numero.
struct downloaded_piece {
    std::string numero;
    std::string date;          // as sent by the server
    std::string type_de_piece;
    std::string content_type;  // as declared; never trusted to pick a decoder
    std::string raw;           // pieceJointe after base64 decoding, before any decompression (keep it durable first)
    piece_encoding encoding = piece_encoding::plain;
    std::vector<piece_file> files; // decoded content: one entry, or one per zip member
};

} // namespace jd::jedeclare
