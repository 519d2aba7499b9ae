#include "FeatureTable.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace benchtop::bio {
namespace {

constexpr qsizetype kKeyColumn = 2;    // GenBank keys start at column 6, but some files indent less
constexpr qsizetype kValueColumn = 21; // 0-based column of locations and qualifiers

bool isSpace(char c)
{
    return c == ' ' || c == '\t';
}

// Values whose wrapped lines join without a space (the protein sequence of a CDS).
bool joinedWithoutSpaces(QByteArrayView name)
{
    return name == "translation";
}

// Feature keys and qualifier names repeat thousands of times in a genome: share one QString each.
class Interner
{
public:
    QString get(QByteArrayView key)
    {
        for (const Entry &entry : m_entries)
            if (entry.key == key)
                return entry.value;
        QString value = QString::fromUtf8(key);
        if (m_entries.size() < 128)
            m_entries.append({key.toByteArray(), value});
        return value;
    }

private:
    struct Entry
    {
        QByteArray key;
        QString value;
    };
    QList<Entry> m_entries;
};

} // namespace

struct FeatureTableReader::State
{
    LocationContext context;
    QList<Feature> features;
    QList<ParseError> warnings;
    ParseError error;
    Interner types;
    Interner names;

    bool inFeature = false;
    Feature feature;
    qint64 featureLine = 0;
    QByteArray locationText;
    bool locationDone = false;

    bool inQualifier = false;
    Qualifier qualifier;
    qint64 qualifierLine = 0;
    QByteArray value;
    bool quoted = false;
    bool open = false; // inside a quoted value that has not been closed yet
    bool noSpaces = false;
    bool warnedQuote = false;

    bool fail(qint64 line, const QString &message)
    {
        error = {line, message};
        return false;
    }

    // Appends the part of a quoted value on one line; true when the closing quote ends it. A
    // quote closes the value only at the end of a line: a lone one inside is kept, as real
    // files have them and Biopython keeps them too.
    bool appendQuoted(QByteArrayView text, qint64 line)
    {
        const qsizetype n = text.size();
        qsizetype from = 0;
        for (qsizetype i = 0; i < n; ++i) {
            if (text[i] != '"')
                continue;
            value.append(text.data() + from, i - from);
            if (i + 1 == n)
                return true;
            if (text[i + 1] != '"' && !warnedQuote) {
                warnedQuote = true;
                warnings.append(
                    {line, u"unescaped '\"' in the value of /%1, kept as part of it"_s.arg(
                               qualifier.name)});
            }
            value += '"';
            if (text[i + 1] == '"')
                ++i;
            from = i + 1;
        }
        value.append(text.data() + from, n - from);
        return false;
    }

    void finishQualifier()
    {
        if (!inQualifier)
            return;
        inQualifier = false;
        if (noSpaces)
            value.removeIf([](char c) { return c == ' ' || c == '\t'; });
        if (qualifier.hasValue)
            qualifier.value = QString::fromUtf8(value);
        if (feature.qualifiers.isEmpty())
            feature.qualifiers.reserve(12); // a genome's CDS has about ten
        feature.qualifiers.append(std::move(qualifier));
        qualifier = {};
    }

    bool finishLocation()
    {
        locationDone = true;
        LocationParseResult parsed = parseLocation(locationText, context);
        switch (parsed.status) {
        case LocationParseResult::Status::Invalid:
            return fail(featureLine, parsed.error);
        case LocationParseResult::Status::Unplaceable:
            warnings.append({featureLine, u"%1; the %2 feature is kept without a location"_s.arg(
                                              parsed.error, feature.type)});
            return true;
        case LocationParseResult::Status::Ok:
            break;
        }
        feature.location = std::move(parsed.location);
        const QList<Span> &spans = feature.location.spans;
        const qint64 length = context.sequenceLength;
        if (length >= 0 && std::any_of(spans.begin(), spans.end(), [length](const Span &span) {
                return span.end > length && span.remoteAccession.isEmpty();
            }))
            warnings.append(
                {featureLine, u"location '%1' of the %2 feature ends beyond the %3 "
                              "bp sequence"_s.arg(QString::fromUtf8(locationText), feature.type)
                                  .arg(length)});
        return true;
    }

    bool finishFeature()
    {
        if (!inFeature)
            return true;
        if (open)
            return fail(qualifierLine,
                        u"the value of /%1 has no closing quote"_s.arg(qualifier.name));
        finishQualifier();
        if (!locationDone) {
            if (locationText.isEmpty())
                return fail(featureLine, u"the %1 feature has no location"_s.arg(feature.type));
            if (!finishLocation())
                return false;
        }
        inFeature = false;
        features.append(std::move(feature));
        feature = {};
        return true;
    }

    bool startFeature(QByteArrayView text, qint64 line)
    {
        if (!finishFeature())
            return false;
        qsizetype keyEnd = 0;
        while (keyEnd < text.size() && !isSpace(text[keyEnd]))
            ++keyEnd;
        inFeature = true;
        featureLine = line;
        feature.type = types.get(text.first(keyEnd));
        const QByteArrayView location = text.sliced(keyEnd).trimmed();
        locationText.resize(0); // keeps its capacity: one buffer for all features
        locationText.append(location.data(), location.size());
        locationDone = false;
        return true;
    }

    bool startQualifier(QByteArrayView text, qint64 line)
    {
        finishQualifier();
        if (!locationDone && !finishLocation())
            return false;
        inQualifier = true;
        qualifierLine = line;
        warnedQuote = false;
        value.resize(0);
        const qsizetype eq = text.indexOf('=');
        const QByteArrayView name = (eq < 0 ? text.sliced(1) : text.sliced(1, eq - 1)).trimmed();
        if (name.isEmpty())
            return fail(line, u"qualifier without a name"_s);
        if (std::any_of(name.begin(), name.end(), [](char c) { return c == ' ' || c == '"'; }))
            return fail(line, u"invalid qualifier name '%1'"_s.arg(QString::fromUtf8(name)));
        qualifier.name = names.get(name);
        noSpaces = joinedWithoutSpaces(name);
        quoted = open = false;
        if (eq < 0) {
            qualifier.hasValue = false;
            return true;
        }
        QByteArrayView rest = text.sliced(eq + 1);
        if (rest.trimmed().startsWith('"'))
            rest = rest.trimmed();
        if (rest.startsWith('"')) {
            quoted = true;
            open = !appendQuoted(rest.sliced(1), line);
        } else {
            value.append(rest.data(), rest.size());
        }
        return true;
    }

    bool continueFeature(QByteArrayView text, qint64 line)
    {
        if (!inFeature)
            return fail(line, u"feature table line before the first feature key"_s);
        if (open) {
            if (!noSpaces)
                value += ' ';
            open = !appendQuoted(text, line);
            return true;
        }
        if (text.startsWith('/'))
            return startQualifier(text, line);
        if (!inQualifier && !locationDone) {
            locationText.append(text.data(), text.size()); // a location wrapped at commas
            return true;
        }
        if (inQualifier && qualifier.hasValue && !quoted) {
            if (!noSpaces)
                value += ' ';
            value.append(text.data(), text.size());
            return true;
        }
        if (inQualifier)
            return fail(line, u"text after the end of the /%1 qualifier"_s.arg(qualifier.name));
        return fail(line, u"text after the location of the %1 feature"_s.arg(feature.type));
    }
};

FeatureTableReader::FeatureTableReader(const LocationContext &context)
    : d(std::make_unique<State>())
{
    d->context = context;
}

FeatureTableReader::~FeatureTableReader() = default;

bool FeatureTableReader::addLine(QByteArrayView line, qint64 lineNumber)
{
    while (!line.isEmpty() && (isSpace(line.back()) || line.back() == '\r'))
        line.chop(1);
    qsizetype first = kKeyColumn;
    while (first < line.size() && isSpace(line[first]))
        ++first;
    if (first >= line.size())
        return true; // blank lines within the table carry nothing
    // A qualifier indented too little is still a qualifier, not a feature named "/note=...".
    if (first < kValueColumn && line[first] != '/')
        return d->startFeature(line.sliced(first), lineNumber);
    return d->continueFeature(line.sliced(first), lineNumber);
}

bool FeatureTableReader::finish()
{
    return d->finishFeature();
}

const ParseError &FeatureTableReader::error() const
{
    return d->error;
}

QList<Feature> FeatureTableReader::takeFeatures()
{
    return std::exchange(d->features, {});
}

QList<ParseError> FeatureTableReader::takeWarnings()
{
    return std::exchange(d->warnings, {});
}

} // namespace benchtop::bio
