#include "Catalogues.h"

#include "server/ApiError.h"
#include "server/Paging.h"
#include "server/Resources.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace benchtop::server::sequences {
namespace {

struct Entry
{
    QString id;
    QString name;
    QJsonObject json;
};

const QList<Entry> &enzymeEntries()
{
    static const QList<Entry> entries = [] {
        const auto &enzymes = bio::RestrictionCatalogue::builtin().enzymes();
        // Isoschizomers: the enzymes that share a prototype (the prototype included).
        QHash<QString, QStringList> families;
        for (const bio::RestrictionEnzyme &enzyme : enzymes) {
            if (enzyme.cutsKnown())
                families[enzyme.prototype.isEmpty() ? enzyme.name : enzyme.prototype].append(
                    enzyme.name);
        }
        QList<Entry> list;
        for (const bio::RestrictionEnzyme &enzyme : enzymes) {
            if (!enzyme.cutsKnown())
                continue;
            QJsonArray cutsites;
            QJsonArray offsets;
            for (int i = 0; i < enzyme.cutCount; ++i) {
                cutsites.append(enzyme.cuts[size_t(i)].top);
                offsets.append(enzyme.cuts[size_t(i)].bottom);
            }
            QStringList isoschizomers =
                families.value(enzyme.prototype.isEmpty() ? enzyme.name : enzyme.prototype);
            isoschizomers.removeAll(enzyme.name);
            const QString id = u"enz_"_s + enzyme.name;
            list.append(
                {id, enzyme.name,
                 QJsonObject{{u"id"_s, id},
                             {u"name"_s, enzyme.name},
                             {u"restrictionSite"_s, QString::fromLatin1(enzyme.site)},
                             {u"cutsites"_s, cutsites},
                             {u"offsets"_s, offsets},
                             {u"isoschizomers"_s, QJsonArray::fromStringList(isoschizomers)}}});
        }
        return list;
    }();
    return entries;
}

const QList<Entry> &codonEntries()
{
    static const QList<Entry> entries = [] {
        QList<Entry> list;
        for (const QString &name : bio::CodonUsageTable::embeddedNames()) {
            const auto table = bio::CodonUsageTable::embedded(name);
            if (!table)
                continue;
            QString title = table->species().isEmpty() ? name : table->species();
            if (name.endsWith(u"_high"_s))
                title += u" (highly expressed genes)"_s;
            const QString id = u"codtab_"_s + name;
            list.append({id, title, QJsonObject{{u"id"_s, id}, {u"name"_s, title}}});
        }
        return list;
    }();
    return entries;
}

// A list route over an in-memory catalogue with the spec's filters, name sort and paging.
http::HttpResponse listEntries(const RequestContext &context, const QList<Entry> &entries,
                               const QString &listKey, const QString &noun)
{
    const QUrlQuery &query = context.request.query;
    const auto value = [&](const QString &name) {
        return query.queryItemValue(name, QUrl::FullyDecoded);
    };
    QString error;
    const auto page = parsePageRequest(query, {{u"name"_s, u"name"_s}}, u"name:asc"_s, &error);
    if (!page)
        return badRequest(error);
    const QStringList ids = splitList(value(u"ids"_s));
    QStringList missing;
    for (const QString &id : ids) {
        if (std::none_of(entries.begin(), entries.end(),
                         [&](const Entry &e) { return e.id == id; }))
            missing.append(id);
    }
    if (!missing.isEmpty()) {
        return apiError(400, u"invalid_request_error"_s,
                        u"No %1 exist with these ids: %2"_s.arg(noun, missing.join(u", "_s)),
                        missing.first());
    }
    QStringList anyOf;
    for (const QString &name : splitList(value(u"names.anyOf"_s)))
        anyOf.append(foldName(name));
    const QString includes = foldName(value(u"nameIncludes"_s));
    QList<const Entry *> selected;
    for (const Entry &entry : entries) {
        if (query.hasQueryItem(u"name"_s) && entry.name != value(u"name"_s))
            continue;
        if (!includes.isEmpty() && !foldName(entry.name).contains(includes))
            continue;
        if (!ids.isEmpty() && !ids.contains(entry.id))
            continue;
        if (!anyOf.isEmpty() && !anyOf.contains(foldName(entry.name)))
            continue;
        selected.append(&entry);
    }
    const auto key = [](const Entry *e) {
        return std::pair(e->name, e->id);
    };
    std::sort(selected.begin(), selected.end(), [&](const Entry *a, const Entry *b) {
        return page->descending ? key(b) < key(a) : key(a) < key(b);
    });
    QJsonArray items;
    bool more = false;
    const Entry *last = nullptr;
    for (const Entry *entry : std::as_const(selected)) {
        if (page->after) {
            const auto after = *page->after;
            if (page->descending ? !(key(entry) < after) : !(after < key(entry)))
                continue;
        }
        if (items.size() == page->pageSize) {
            more = true;
            break;
        }
        items.append(entry->json);
        last = entry;
    }
    const QJsonObject body{
        {listKey, items},
        {u"nextToken"_s, more && last ? page->tokenAfter(last->name, last->id) : QString()}};
    return http::HttpResponse::json(200, QJsonDocument(body));
}

} // namespace

const bio::RestrictionEnzyme *enzymeById(const QString &id)
{
    if (!id.startsWith(u"enz_"_s))
        return nullptr;
    const bio::RestrictionEnzyme *enzyme =
        bio::RestrictionCatalogue::builtin().find(QStringView(id).mid(4));
    return enzyme && enzyme->name == id.mid(4) && enzyme->cutsKnown() ? enzyme : nullptr;
}

std::optional<bio::CodonUsageTable> codonTableById(const QString &id)
{
    if (!id.startsWith(u"codtab_"_s) || !bio::CodonUsageTable::embeddedNames().contains(id.mid(7)))
        return std::nullopt;
    return bio::CodonUsageTable::embedded(id.mid(7));
}

void addCatalogueRoutes(Router &router)
{
    router.add("GET", u"/api/v2/enzymes"_s, [](const RequestContext &c) {
        return listEntries(c, enzymeEntries(), u"enzymes"_s, u"enzymes"_s);
    });
    router.add("GET", u"/api/v2/codon-usage-tables"_s, [](const RequestContext &c) {
        return listEntries(c, codonEntries(), u"codonUsageTables"_s, u"codon usage tables"_s);
    });
}

} // namespace benchtop::server::sequences
