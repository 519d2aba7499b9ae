// Reading the API's sequence JSON into a Record (the writing half is in ApiJson.cpp).
#include "ApiJson.h"
#include "GeneticCode.h"

#include "bio/Sequence.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace benchtop::bio {
namespace {

Span makeSpan(qint64 start, qint64 end)
{
    Span span;
    span.start = start;
    span.end = end;
    return span;
}

class JsonReader
{
public:
    explicit JsonReader(const QJsonObject &object)
        : m_object(object)
    {}

    ApiJsonResult run()
    {
        if (!readSequence() || !readAnnotations() || !readTranslations() || !readPrimers())
            return {{}, m_error};
        return {{std::move(m_record)}, std::nullopt};
    }

private:
    struct CdsAnnotation
    {
        qsizetype feature;
        qint64 start;
        qint64 end;
        Strand strand;
    };

    bool fail(const QString &path, const QString &message)
    {
        m_error = ParseError{0, path.isEmpty() ? message : QString(path + u": " + message)};
        return false;
    }

    bool integer(const QJsonObject &object, const QString &key, const QString &path, qint64 *out)
    {
        const QJsonValue value = object.value(key);
        const QString where = QString(path + u'.' + key);
        if (value.isUndefined())
            return fail(where, u"missing"_s);
        const double number = value.toDouble(std::nan(""));
        if (!value.isDouble() || std::floor(number) != number || std::abs(number) > 1e15)
            return fail(where, u"expected an integer"_s);
        *out = static_cast<qint64>(number);
        return true;
    }

    bool string(const QJsonObject &object, const QString &key, const QString &path, QString *out)
    {
        const QJsonValue value = object.value(key);
        if (value.isUndefined() || value.isNull())
            return true;
        if (!value.isString())
            return fail(QString(path + u'.' + key), u"expected a string"_s);
        *out = value.toString();
        return true;
    }

    bool strand(const QJsonObject &object, const QString &path, Strand *out)
    {
        *out = Strand::None; // and always for proteins, as the GenPept reader has it
        if (m_protein || !object.contains(u"strand"))
            return true;
        qint64 value = 0;
        if (!integer(object, u"strand"_s, path, &value))
            return false;
        if (value < -1 || value > 1)
            return fail(QString(path + u".strand"), u"%1 is not 1, -1 or 0"_s.arg(value));
        *out = static_cast<Strand>(value);
        return true;
    }

    // start/end with the API's conventions -> spans in sequence order.
    bool range(const QJsonObject &object, const QString &path, QList<Span> *spans,
               qint64 *startOut = nullptr, qint64 *endOut = nullptr)
    {
        qint64 start = 0;
        qint64 end = 0;
        if (!integer(object, u"start"_s, path, &start) || !integer(object, u"end"_s, path, &end))
            return false;
        const qint64 length = m_record.length();
        if (start < 0 || start >= length)
            return fail(QString(path + u".start"),
                        u"%1 is outside the sequence (%2 long)"_s.arg(start).arg(length));
        if (end < 0 || end > length)
            return fail(QString(path + u".end"),
                        u"%1 is outside the sequence (%2 long)"_s.arg(end).arg(length));
        if (end == 0)
            end = length;
        // On a circular sequence start == end is the whole circle, from start round to it.
        const bool circular = m_record.topology == Topology::Circular;
        if (start == end && !circular)
            return fail(path, u"start and end are both %1: an empty range"_s.arg(start));
        if (start > end && !circular)
            return fail(
                path,
                u"start %1 is after end %2 but the sequence is not circular"_s.arg(start).arg(end));
        if (start < end) {
            spans->append(makeSpan(start, end));
        } else {
            spans->append(makeSpan(start, length));
            spans->append(makeSpan(0, end));
        }
        if (startOut)
            *startOut = start;
        if (endOut)
            *endOut = end;
        return true;
    }

    QJsonArray array(const QString &key, bool *ok)
    {
        const QJsonValue value = m_object.value(key);
        *ok = true;
        if (value.isUndefined() || value.isNull())
            return {};
        if (!value.isArray())
            *ok = fail(key, u"expected an array"_s);
        return value.toArray();
    }

    // Calls `read(item, path)` for each object of the array `key` (absent or null: none);
    // false as soon as one is not an object or `read` fails.
    template<typename Read> bool forEachObject(const QString &key, Read read)
    {
        bool ok = true;
        const QJsonArray items = array(key, &ok);
        for (qsizetype i = 0; ok && i < items.size(); ++i) {
            const QString path = u"%1[%2]"_s.arg(key).arg(i);
            if (!items.at(i).isObject())
                return fail(path, u"expected an object"_s);
            ok = read(items.at(i).toObject(), path);
        }
        return ok;
    }

    // What annotations, translations and primers all have: a place on the sequence, a strand,
    // a name and a colour.
    struct Placed
    {
        QList<Span> spans;
        qint64 start = 0;
        qint64 end = 0;
        Strand strand = Strand::None;
        QString name;
        QString color;
    };
    bool placed(const QJsonObject &item, const QString &path, Placed *out)
    {
        return range(item, path, &out->spans, &out->start, &out->end) &&
               strand(item, path, &out->strand) && string(item, u"name"_s, path, &out->name) &&
               string(item, u"color"_s, path, &out->color);
    }

    // "Segments: 101..200,301..400" as toApiJson() writes it.
    std::optional<QList<Span>> segments(QStringView line) const
    {
        QList<Span> spans;
        for (QStringView part : line.sliced(kApiSegmentsPrefix.size()).split(u',')) {
            const qsizetype dots = part.indexOf(u"..");
            bool okStart = false;
            bool okEnd = false;
            const qint64 start = dots > 0 ? part.first(dots).toLongLong(&okStart) - 1 : -1;
            const qint64 end = dots > 0 ? part.sliced(dots + 2).toLongLong(&okEnd) : -1;
            if (!okStart || !okEnd || start < 0 || end <= start || end > m_record.length())
                return std::nullopt;
            spans.append(makeSpan(start, end));
        }
        return spans;
    }

    static void add(Feature &feature, const QString &name, const QString &value)
    {
        if (!value.isEmpty())
            feature.qualifiers.append(Qualifier{name, value, true});
    }

    bool readSequence()
    {
        m_protein = m_object.contains(u"aminoAcids");
        const QString key = m_protein ? u"aminoAcids"_s : u"bases"_s;
        if (!m_object.contains(key))
            return fail({}, u"missing 'bases' (or 'aminoAcids' for a protein)"_s);
        if (!m_object.value(key).isString())
            return fail(key, u"expected a string"_s);
        const QString text = m_object.value(key).toString();
        for (qsizetype i = 0; i < text.size(); ++i)
            if (text[i].unicode() > 0x7e || text[i].unicode() < 0x20)
                return fail(key, u"character U+%1 at position %2 is not a residue"_s
                                     .arg(text[i].unicode(), 4, 16, QLatin1Char('0'))
                                     .arg(i + 1));
        m_record.sequence = text.toLatin1();
        qsizetype bad = -1;
        if (m_protein) {
            m_record.kind = MoleculeKind::Protein;
            bad = firstInvalid(m_record.sequence, Alphabet::Protein).value_or(-1);
        } else {
            const auto dna = firstInvalid(m_record.sequence, Alphabet::Dna);
            const auto rna = firstInvalid(m_record.sequence, Alphabet::Rna);
            m_record.kind = !dna || rna ? MoleculeKind::Dna : MoleculeKind::Rna;
            m_record.moleculeType = m_record.kind == MoleculeKind::Dna ? u"DNA"_s : u"RNA"_s;
            if (dna && rna)
                bad = std::max(*dna, *rna);
        }
        if (bad >= 0)
            return fail(key, u"'%1' at position %2 is not a valid %3 residue"_s
                                 .arg(QLatin1Char(m_record.sequence[bad]))
                                 .arg(bad + 1)
                                 .arg(m_protein ? u"protein"_s : u"nucleotide"_s));
        if (!string(m_object, u"name"_s, {}, &m_record.name))
            return false;
        const QJsonValue circular = m_object.value(u"isCircular");
        if (!circular.isUndefined() && !circular.isNull() && !circular.isBool())
            return fail(u"isCircular"_s, u"expected true or false"_s);
        if (circular.isBool())
            m_record.topology = circular.toBool() ? Topology::Circular : Topology::Linear;
        if (m_protein && m_record.topology == Topology::Circular)
            return fail(u"isCircular"_s, u"a protein cannot be circular"_s);
        return true;
    }

    bool readAnnotations()
    {
        return forEachObject(
            u"annotations"_s, [this](const QJsonObject &item, const QString &path) {
                Placed at;
                Feature feature;
                QString notes;
                if (!placed(item, path, &at) || !string(item, u"type"_s, path, &feature.type) ||
                    !string(item, u"notes"_s, path, &notes))
                    return false;
                if (feature.type.isEmpty())
                    feature.type = u"misc_feature"_s;
                feature.location = Location::onStrand(at.spans, at.strand);
                QStringList lines = notes.split(u'\n');
                if (lines.last().startsWith(kApiSegmentsPrefix)) {
                    if (const auto exact = segments(lines.last())) {
                        feature.location =
                            Location::onStrand(*exact, at.strand, Location::SpanOrder::AlongStrand);
                        lines.removeLast();
                    }
                }
                add(feature, u"label"_s, at.name);
                add(feature, u"note"_s, lines.join(u'\n'));
                add(feature, u"color"_s, at.color);
                if (feature.type == u"CDS")
                    m_cds.append({m_record.features.size(), at.start, at.end, at.strand});
                m_record.features.append(std::move(feature));
                return true;
            });
    }

    bool readTranslations()
    {
        return forEachObject(u"translations"_s, [this](const QJsonObject &item,
                                                       const QString &path) {
            Placed at;
            QString aminoAcids;
            QString code = u"STANDARD"_s;
            if (!placed(item, path, &at) || !string(item, u"aminoAcids"_s, path, &aminoAcids) ||
                !string(item, u"geneticCode"_s, path, &code))
                return false;
            const int table = GeneticCode::idForApiName(code);
            if (table == 0)
                return fail(QString(path + u".geneticCode"),
                            u"unknown genetic code '%1'"_s.arg(code));
            const QJsonValue regions = item.value(u"regions");
            if (!regions.isUndefined() && !regions.isNull()) {
                if (!regions.isArray())
                    return fail(QString(path + u".regions"), u"expected an array"_s);
                QList<Span> exact;
                const QJsonArray list = regions.toArray();
                for (qsizetype j = 0; j < list.size(); ++j)
                    if (!range(list.at(j).toObject(), u"%1.regions[%2]"_s.arg(path).arg(j), &exact))
                        return false;
                if (!exact.isEmpty())
                    at.spans = exact;
            }
            const auto paired =
                std::find_if(m_cds.begin(), m_cds.end(), [&](const CdsAnnotation &c) {
                    return c.start == at.start && c.end == at.end && c.strand == at.strand;
                });
            Feature created;
            Feature &feature = paired != m_cds.end() ? m_record.features[paired->feature] : created;
            if (paired == m_cds.end()) {
                feature.type = u"CDS"_s;
                add(feature, u"label"_s, at.name);
                add(feature, u"color"_s, at.color);
            } else {
                m_cds.erase(paired);
            }
            feature.location = Location::onStrand(at.spans, at.strand);
            add(feature, u"translation"_s, aminoAcids);
            if (table != 1)
                add(feature, u"transl_table"_s, QString::number(table));
            if (&feature == &created)
                m_record.features.append(std::move(created));
            return true;
        });
    }

    bool readPrimers()
    {
        return forEachObject(u"primers"_s, [this](const QJsonObject &item, const QString &path) {
            Placed at;
            QString bases;
            if (!placed(item, path, &at) || !string(item, u"bases"_s, path, &bases))
                return false;
            Feature feature;
            feature.type = u"primer_bind"_s;
            feature.location = Location::onStrand(at.spans, at.strand);
            add(feature, u"label"_s, at.name);
            add(feature, u"sequence"_s, bases);
            add(feature, u"color"_s, at.color);
            m_record.features.append(std::move(feature));
            return true;
        });
    }

    const QJsonObject &m_object;
    Record m_record;
    bool m_protein = false;
    QList<CdsAnnotation> m_cds;
    std::optional<ParseError> m_error;
};

} // namespace

ApiJsonResult fromApiJson(const QJsonObject &object)
{
    return JsonReader(object).run();
}

} // namespace benchtop::bio
