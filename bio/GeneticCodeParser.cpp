// GeneticCode::parse: NCBI gc.prt, the ASN.1 value notation of "Genetic-code-table".
#include "GeneticCode.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace benchtop::bio {
namespace {

struct Token
{
    enum class Kind { End, Open, Close, Comma, Assign, Word, String, Invalid };
    Kind kind = Kind::End;
    QByteArray text;
    qint64 line = 1;
};

class Tokenizer
{
public:
    explicit Tokenizer(QByteArrayView text)
        : m_text(text)
    {}

    Token next()
    {
        skipSpaceAndComments();
        Token token;
        token.line = m_line;
        if (m_pos >= m_text.size())
            return token;
        const char c = m_text[m_pos];
        if (c == '{' || c == '}' || c == ',') {
            ++m_pos;
            token.kind =
                c == '{' ? Token::Kind::Open : (c == '}' ? Token::Kind::Close : Token::Kind::Comma);
        } else if (m_text.sliced(m_pos).startsWith("::=")) {
            m_pos += 3;
            token.kind = Token::Kind::Assign;
        } else if (c == '"') {
            readString(token);
        } else if (isWordChar(c)) {
            const qsizetype begin = m_pos;
            while (m_pos < m_text.size() && isWordChar(m_text[m_pos]))
                ++m_pos;
            token.kind = Token::Kind::Word;
            token.text = m_text.sliced(begin, m_pos - begin).toByteArray();
        } else {
            token.kind = Token::Kind::Invalid;
            token.text = QByteArray(1, c);
        }
        return token;
    }

private:
    static bool isWordChar(char c)
    {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_';
    }

    void skipSpaceAndComments()
    {
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos];
            if (c == '\n') {
                ++m_line;
                ++m_pos;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                ++m_pos;
            } else if (c == '-' && m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '-') {
                while (m_pos < m_text.size() && m_text[m_pos] != '\n')
                    ++m_pos;
            } else {
                return;
            }
        }
    }

    // A quoted string; "" is a quote, and a line break with its indentation is one space
    // (gc.prt wraps long names).
    void readString(Token &token)
    {
        ++m_pos;
        token.kind = Token::Kind::String;
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos++];
            if (c == '"') {
                if (m_pos < m_text.size() && m_text[m_pos] == '"') {
                    token.text.append('"');
                    ++m_pos;
                    continue;
                }
                return;
            }
            if (c == '\n' || c == '\r') {
                if (c == '\n')
                    ++m_line;
                while (m_pos < m_text.size() && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t'))
                    ++m_pos;
                if (!token.text.endsWith(' '))
                    token.text.append(' ');
                continue;
            }
            token.text.append(c);
        }
        token.kind = Token::Kind::Invalid;
        token.text = "unterminated string";
    }

    QByteArrayView m_text;
    qsizetype m_pos = 0;
    qint64 m_line = 1;
};

QString describe(const Token &token)
{
    switch (token.kind) {
    case Token::Kind::End:
        return u"end of file"_s;
    case Token::Kind::Open:
        return u"'{'"_s;
    case Token::Kind::Close:
        return u"'}'"_s;
    case Token::Kind::Comma:
        return u"','"_s;
    case Token::Kind::Assign:
        return u"'::='"_s;
    case Token::Kind::String:
        return u"a string"_s;
    case Token::Kind::Word:
    case Token::Kind::Invalid:
        break;
    }
    return u"'"_s + QString::fromLatin1(token.text) + u"'"_s;
}

} // namespace

GeneticCode::ParseResult GeneticCode::parse(QByteArrayView text)
{
    ParseResult result;
    Tokenizer tokens(text);
    Token token = tokens.next();
    const auto fail = [&](const QString &message) {
        result.codes.clear();
        result.error = ParseError{token.line, message};
        return result;
    };
    const auto expect = [&](Token::Kind kind, const char *what) {
        token = tokens.next();
        if (token.kind != kind) {
            result.error = ParseError{token.line, u"expected "_s + QString::fromLatin1(what) +
                                                      u", found "_s + describe(token)};
            return false;
        }
        return true;
    };

    if (token.kind != Token::Kind::Word || token.text != "Genetic-code-table")
        return fail(u"expected 'Genetic-code-table', found "_s + describe(token));
    if (!expect(Token::Kind::Assign, "'::='") || !expect(Token::Kind::Open, "'{'"))
        return fail(result.error->message);

    QSet<int> ids;
    while (true) {
        if (!expect(Token::Kind::Open, "'{' opening a genetic code"))
            return fail(result.error->message);
        const qint64 entryLine = token.line;
        GeneticCode code;
        bool haveId = false;
        while (true) {
            token = tokens.next();
            if (token.kind != Token::Kind::Word)
                return fail(u"expected a field name, found "_s + describe(token));
            const QByteArray field = token.text;
            token = tokens.next();
            if (token.kind != Token::Kind::String && token.kind != Token::Kind::Word)
                return fail(u"expected a value for '"_s + QString::fromLatin1(field) +
                            u"', found "_s + describe(token));
            if (field == "name") {
                code.m_names.append(QString::fromLatin1(token.text));
            } else if (field == "id") {
                bool ok = false;
                code.m_id = token.text.toInt(&ok);
                if (!ok || code.m_id <= 0)
                    return fail(u"genetic code id must be a positive number, not '"_s +
                                QString::fromLatin1(token.text) + u"'"_s);
                if (ids.contains(code.m_id))
                    return fail(u"genetic code id "_s + QString::number(code.m_id) +
                                u" appears twice"_s);
                ids.insert(code.m_id);
                haveId = true;
            } else if (field == "ncbieaa" || field == "sncbieaa") {
                const bool starts = field == "sncbieaa";
                const QByteArrayView allowed = starts ? "-M*" : "ABCDEFGHIJKLMNOPQRSTUVWXYZ*";
                if (token.text.size() != 64)
                    return fail(QString::fromLatin1(field) + u" has "_s +
                                QString::number(token.text.size()) + u" codons, expected 64"_s);
                for (const char c : std::as_const(token.text)) {
                    if (!allowed.contains(c))
                        return fail(QString::fromLatin1(field) + u" has an invalid letter '"_s +
                                    QChar::fromLatin1(c) + u"'"_s);
                }
                (starts ? code.m_startsAndStops : code.m_aminoAcids) = token.text;
            }
            // Other fields (ncbi8aa, ...) carry nothing we use.
            token = tokens.next();
            if (token.kind == Token::Kind::Close)
                break;
            if (token.kind != Token::Kind::Comma)
                return fail(u"expected ',' or '}' after a field, found "_s + describe(token));
        }
        const QString missing = !haveId                           ? u"id"_s
                                : code.m_names.isEmpty()          ? u"name"_s
                                : code.m_aminoAcids.isEmpty()     ? u"ncbieaa"_s
                                : code.m_startsAndStops.isEmpty() ? u"sncbieaa"_s
                                                                  : QString();
        if (!missing.isEmpty()) {
            token.line = entryLine;
            return fail(u"genetic code without "_s + missing);
        }
        code.buildLookup();
        result.codes.append(std::move(code));
        token = tokens.next();
        if (token.kind == Token::Kind::Close)
            break;
        if (token.kind != Token::Kind::Comma)
            return fail(u"expected ',' or '}' after a genetic code, found "_s + describe(token));
    }
    token = tokens.next();
    if (token.kind != Token::Kind::End)
        return fail(u"unexpected "_s + describe(token) + u" after the table"_s);
    return result;
}

} // namespace benchtop::bio
