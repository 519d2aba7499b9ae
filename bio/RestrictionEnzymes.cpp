#include "bio/RestrictionEnzymes.h"

#include "bio/FlatFile.h"
#include "bio/Gzip.h"
#include "bio/Logging.h"
#include "bio/Sequence.h"

#include <QFile>
#include <QHash>
#include <QSet>

#include <cstdlib>

using namespace Qt::StringLiterals;

namespace benchtop::bio {
namespace {

std::optional<int> toInt(QByteArrayView text)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    return ok ? std::optional<int>(value) : std::nullopt;
}

bool fail(ParseError *error, qint64 line, const QString &message)
{
    if (error)
        *error = ParseError{line, message};
    return false;
}

// REBASE counts bases ... -2 -1 1 2 ... and cuts "after base c"; we count gaps from 0.
int gapOffset(int c)
{
    return c > 0 ? c : c + 1;
}

bool parseEmbossLine(QByteArrayView line, qint64 number, RestrictionEnzyme *enzyme,
                     ParseError *error)
{
    const QList<QByteArrayView> f = splitFields(line);
    const QString where = u"REBASE emboss file: "_s;
    if (f.size() != 9)
        return fail(error, number,
                    QString(where +
                            u"expected 9 fields (name pattern len ncuts blunt c1 c2 c3 c4), "
                            u"found "_s +
                            QString::number(f.size())));
    enzyme->name = QString::fromLatin1(f[0]);
    enzyme->site = f[1].toByteArray().toUpper();
    if (const auto bad = firstInvalid(enzyme->site, Alphabet::Dna);
        bad || enzyme->site.contains('-'))
        return fail(error, number,
                    QString(where + u"pattern '"_s + QString::fromLatin1(f[1]) +
                            u"' is not an IUPAC DNA site"_s));
    std::array<int, 7> numbers{};
    for (int i = 0; i < 7; ++i) {
        const auto value = toInt(f[2 + i]);
        if (!value)
            return fail(
                error, number,
                QString(where + u"'"_s + QString::fromLatin1(f[2 + i]) + u"' is not a number"_s));
        numbers[i] = *value;
    }
    const auto [length, ncuts, blunt, c1, c2, c3, c4] = numbers;
    if (length != enzyme->site.size())
        return fail(error, number,
                    QString(where + u"length "_s + QString::number(length) +
                            u" does not match pattern '"_s + QString::fromLatin1(f[1]) + u"'"_s));
    if (ncuts != 0 && ncuts != 2 && ncuts != 4)
        return fail(
            error, number,
            QString(where + u"number of cuts must be 0, 2 or 4, not "_s + QString::number(ncuts)));
    if (blunt != 0 && blunt != 1)
        return fail(error, number, QString(where + u"blunt flag must be 0 or 1"_s));
    if ((ncuts >= 2 && (c1 == 0 || c2 == 0)) || (ncuts == 4 && (c3 == 0 || c4 == 0)))
        return fail(error, number,
                    QString(where + u"cut position 0 does not exist in REBASE numbering"_s));
    enzyme->cutCount = ncuts / 2;
    enzyme->cuts = {};
    if (ncuts >= 2)
        enzyme->cuts[0] = {gapOffset(c1), gapOffset(c2)};
    if (ncuts == 4)
        enzyme->cuts[1] = {gapOffset(c3), gapOffset(c4)};
    enzyme->palindromic = reverseComplement(enzyme->site) == enzyme->site;
    return true;
}

// Reads the supplier codes of every entry of a Bairoch-format file ("ID", "CR" and "//" lines;
// the other two-letter lines are checked for shape and skipped).
bool parseBairoch(QByteArrayView text, QHash<QString, QString> *suppliers, ParseError *error)
{
    LineReader reader(text);
    QByteArrayView line;
    QString id;
    QString codes;
    bool inEntry = false;
    const QString where = u"REBASE Bairoch file: "_s;
    while (reader.next(line)) {
        if (line.trimmed().isEmpty())
            continue;
        if (line.startsWith("//")) {
            if (!inEntry)
                return fail(error, reader.lineNumber(),
                            QString(where + u"'//' outside an entry"_s));
            // A name can have several entries (one per site variant): merge their suppliers.
            QString &merged = (*suppliers)[id];
            for (const QChar c : std::as_const(codes))
                if (!merged.contains(c))
                    merged.append(c);
            inEntry = false;
            continue;
        }
        const bool shaped = line.size() >= 2 && line[0] >= 'A' && line[0] <= 'Z' &&
                            line[1] >= 'A' && line[1] <= 'Z' &&
                            (line.size() == 2 || line.sliced(2).startsWith("   ") ||
                             line.sliced(2).trimmed().isEmpty());
        if (!shaped)
            return fail(
                error, reader.lineNumber(),
                QString(where + u"expected a two-letter line code, found '"_s +
                        QString::fromLatin1(line.first(std::min<qsizetype>(20, line.size()))) +
                        u"'"_s));
        const QByteArrayView code = line.first(2);
        const QByteArrayView value = line.sliced(2).trimmed();
        if (code == "ID") {
            if (inEntry)
                return fail(error, reader.lineNumber(),
                            QString(where + u"entry "_s + id + u" is not closed by '//'"_s));
            if (value.isEmpty())
                return fail(error, reader.lineNumber(),
                            QString(where + u"ID line without a name"_s));
            id = QString::fromLatin1(value);
            codes.clear();
            inEntry = true;
        } else if (code == "CR") {
            if (!inEntry)
                return fail(error, reader.lineNumber(),
                            QString(where + u"CR line outside an entry"_s));
            QByteArrayView letters = value;
            if (letters.endsWith('.'))
                letters.chop(1);
            for (const char c : letters)
                if (c < 'A' || c > 'Z')
                    return fail(error, reader.lineNumber(),
                                QString(where + u"supplier codes must be capital letters: '"_s +
                                        QString::fromLatin1(value) + u"'"_s));
            codes = QString::fromLatin1(letters);
        } else if (!inEntry && code != "CC") {
            return fail(error, reader.lineNumber(),
                        QString(where + QString::fromLatin1(code) + u" line outside an entry"_s));
        }
    }
    if (inEntry)
        return fail(error, reader.lineNumber(),
                    QString(where + u"entry "_s + id + u" is not closed by '//'"_s));
    return true;
}

bool parseEquivalents(QByteArrayView text, QHash<QString, QString> *prototypes, ParseError *error)
{
    LineReader reader(text);
    QByteArrayView line;
    while (reader.next(line)) {
        if (line.trimmed().isEmpty() || line.startsWith('#'))
            continue;
        const QList<QByteArrayView> f = splitFields(line);
        if (f.size() != 2)
            return fail(error, reader.lineNumber(),
                        u"REBASE equivalents file: expected 'name prototype'"_s);
        QByteArrayView prototype = f[1];
        if (prototype.endsWith('*')) // REBASE marks prototypes it does not sell this way
            prototype.chop(1);
        prototypes->insert(QString::fromLatin1(f[0]), QString::fromLatin1(prototype));
    }
    return true;
}

QByteArray readResource(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        qCWarning(lcBio) << "cannot open" << path;
        return {};
    }
    return file.readAll();
}

} // namespace

Overhang RestrictionEnzyme::overhang() const
{
    if (cutCount == 0)
        return Overhang::Unknown;
    if (cuts[0].top == cuts[0].bottom)
        return Overhang::Blunt;
    return cuts[0].top < cuts[0].bottom ? Overhang::FivePrime : Overhang::ThreePrime;
}

int RestrictionEnzyme::overhangLength() const
{
    return cutCount == 0 ? 0 : std::abs(cuts[0].bottom - cuts[0].top);
}

std::optional<RestrictionCatalogue> RestrictionCatalogue::parse(QByteArrayView emboss,
                                                                QByteArrayView bairoch,
                                                                QByteArrayView equ,
                                                                ParseError *error)
{
    QHash<QString, QString> suppliers;
    QHash<QString, QString> prototypes;
    if (!parseBairoch(bairoch, &suppliers, error) || !parseEquivalents(equ, &prototypes, error))
        return std::nullopt;

    RestrictionCatalogue catalogue;
    LineReader reader(emboss);
    QByteArrayView line;
    while (reader.next(line)) {
        if (line.trimmed().isEmpty() || line.startsWith('#') || line.startsWith('!'))
            continue;
        RestrictionEnzyme enzyme;
        if (!parseEmbossLine(line, reader.lineNumber(), &enzyme, error))
            return std::nullopt;
        enzyme.suppliers = suppliers.value(enzyme.name);
        enzyme.prototype = prototypes.value(enzyme.name);
        catalogue.m_enzymes.append(std::move(enzyme));
    }
    if (catalogue.m_enzymes.isEmpty()) {
        fail(error, 0, u"REBASE emboss file: no enzymes"_s);
        return std::nullopt;
    }
    return catalogue;
}

const RestrictionCatalogue &RestrictionCatalogue::builtin()
{
    static const RestrictionCatalogue catalogue = [] {
        const QByteArray emboss = readResource(u":/bio/rebase/emboss_e.201"_s);
        QString gzipError;
        const auto bairoch = gunzip(readResource(u":/bio/rebase/bairoch.310.gz"_s), &gzipError);
        if (!bairoch)
            qCWarning(lcBio) << "REBASE Bairoch file:" << gzipError;
        const QByteArray equ = readResource(u":/bio/rebase/embossre.equ"_s);
        ParseError error;
        auto parsed = parse(emboss, bairoch.value_or(QByteArray()), equ, &error);
        if (!parsed) {
            // The data is built in, so this is a packaging bug rather than a user error.
            qCWarning(lcBio) << "built-in REBASE data:" << error.toString();
            return RestrictionCatalogue();
        }
        return std::move(*parsed);
    }();
    return catalogue;
}

const RestrictionEnzyme *RestrictionCatalogue::find(QStringView name) const
{
    for (const RestrictionEnzyme &enzyme : m_enzymes)
        if (name.compare(enzyme.name, Qt::CaseInsensitive) == 0)
            return &enzyme;
    return nullptr;
}

QList<RestrictionEnzyme> RestrictionCatalogue::select(const EnzymeFilter &filter,
                                                      QStringList *unknownNames) const
{
    QSet<QString> wanted;
    for (const QString &name : filter.names)
        wanted.insert(name.toLower());
    QSet<QString> seen;
    QList<RestrictionEnzyme> result;
    for (const RestrictionEnzyme &enzyme : m_enzymes) {
        const QString key = enzyme.name.toLower();
        if (!wanted.isEmpty() && !wanted.contains(key))
            continue;
        seen.insert(key);
        if (filter.commercialOnly && !enzyme.isCommercial())
            continue;
        if (filter.knownCutsOnly && !enzyme.cutsKnown())
            continue;
        if (enzyme.site.size() < filter.minimumSiteLength)
            continue;
        result.append(enzyme);
    }
    if (unknownNames)
        for (const QString &name : filter.names)
            if (!seen.contains(name.toLower()))
                unknownNames->append(name);
    return result;
}

} // namespace benchtop::bio
