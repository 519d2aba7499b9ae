// The demo lab's sequences: the plasmids embedded at :/demo/plasmids (annotated from their
// GenBank features, with their CDS translations and primer_bind primers), a few common
// sequencing primers as DNA oligos (bound as primers where they match a plasmid), and a feature
// library of the GenoLIB features found in those plasmids (:/demo/features), and two proteins
// (the translations of EGFP and TEM-1 beta-lactamase) with residue annotations.
#include "SequenceModel.h"

#include "bio/ApiJson.h"
#include "bio/FeatureAnnotator.h"
#include "bio/GenBank.h"
#include "bio/SequenceSearch.h"
#include "server/Ids.h"
#include "server/Logging.h"
#include "server/storage/DemoData.h"

#include <QDir>
#include <QFile>

using namespace Qt::StringLiterals;

namespace benchtop::server {

namespace {

bool insert(Resources &resources, ResourceRow &row)
{
    if (auto failure = resources.insert(row)) {
        qCWarning(lcServer) << "demo sequences:" << row.name << failure->message;
        return false;
    }
    if (auto failure = sequences::writeIndex(resources.database(), row)) {
        qCWarning(lcServer) << "demo sequences: index" << row.name << failure->message;
        return false;
    }
    return true;
}

QByteArray readResource(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

bool seedSequenceDemo(Resources &resources, const QString &creatorId)
{
    using sequences::SeqKind;
    // Sequencing primers, as DNA oligos.
    struct PrimerPlan
    {
        QString name;
        QString bases;
    };
    const QList<PrimerPlan> primers = {
        {u"M13 fwd (-20)"_s, u"GTAAAACGACGGCCAGT"_s},  {u"M13 rev (-27)"_s, u"CAGGAAACAGCTATGAC"_s},
        {u"T7 promoter"_s, u"TAATACGACTCACTATAGGG"_s}, {u"pGEX 5'"_s, u"GGGCTGGCAAGCCACGTTTGGTG"_s},
        {u"EGFP-N"_s, u"CGTCGCCGTCCAGCTCGACCAG"_s},    {u"CMV fwd"_s, u"CGCAAATGGGCGGTAGGCGTG"_s},
    };
    QList<ResourceRow> oligos;
    for (const PrimerPlan &plan : primers) {
        ResourceRow row;
        row.id = newId(u"seq_"_s);
        row.kind = u"dna_oligo"_s;
        row.name = plan.name;
        row.creatorId = creatorId;
        row.data = {{u"bases"_s, plan.bases},           {u"nucleotideType"_s, u"DNA"_s},
                    {u"aliases"_s, QJsonArray()},       {u"fields"_s, QJsonObject()},
                    {u"customFields"_s, QJsonObject()}, {u"annotations"_s, QJsonArray()}};
        if (!insert(resources, row))
            return false;
        oligos.append(row);
    }

    // Plasmids.
    QDir dir(u":/demo/plasmids"_s);
    const QStringList files = dir.entryList(QDir::Files, QDir::Name);
    for (const QString &file : files) {
        const bio::GenBankResult read = bio::readGenBank(readResource(dir.filePath(file)));
        if (!read.ok() || read.records.isEmpty()) {
            qCWarning(lcServer) << "demo sequences: cannot read" << file;
            return false;
        }
        const bio::Record &record = read.records.first();
        const QJsonObject api = bio::toApiJson(record);
        const QByteArray bases = record.sequence.toUpper();
        const bool circular = api.value(u"isCircular"_s).toBool();
        // Colours that are not hex codes (SnapGene writes some as names) are left out.
        const auto cleaned = [](const QJsonArray &items) {
            QJsonArray out;
            for (const QJsonValue &item : items) {
                QJsonObject object = item.toObject();
                if (object.contains(u"color"_s) &&
                    !sequences::isHexColor(object.value(u"color"_s).toString()))
                    object.remove(u"color"_s);
                out.append(object);
            }
            return out;
        };
        QJsonArray primerItems = cleaned(api.value(u"primers"_s).toArray());
        for (const ResourceRow &oligo : std::as_const(oligos)) {
            bio::NucleotideSearchOptions options;
            options.circular = circular;
            const QByteArray pattern = oligo.data.value(u"bases"_s).toString().toLatin1();
            for (const bio::SearchHit &hit : bio::findNucleotides(bases, pattern, options)) {
                const qint64 end = hit.end > bases.size() ? hit.end - bases.size() : hit.end;
                primerItems.append(QJsonObject{{u"start"_s, hit.start},
                                               {u"end"_s, end},
                                               {u"strand"_s, int(hit.strand)},
                                               {u"oligoId"_s, oligo.id}});
            }
        }
        // GenBank's /translation starts a complete CDS with M whatever its start codon is
        // (GTG and TTG in table 11), so the demo translations do too.
        QJsonArray translations;
        for (const QJsonValue &item : cleaned(api.value(u"translations"_s).toArray())) {
            QJsonObject translation = item.toObject();
            translation.insert(u"coerceStartCodonToMethionine"_s, true);
            translations.append(translation);
        }
        QString name = QFileInfo(file).completeBaseName();
        name.replace(u'_', u' ');
        const QJsonObject body{
            {u"name"_s, name},
            {u"bases"_s, QString::fromLatin1(record.sequence)},
            {u"isCircular"_s, circular},
            {u"annotations"_s, cleaned(api.value(u"annotations"_s).toArray())},
            {u"translations"_s, translations},
            {u"primers"_s, primerItems},
            {u"aliases"_s,
             record.accession.isEmpty() ? QJsonArray() : QJsonArray{record.accession}},
        };
        JsonBody json(body, u"Demo plasmid "_s + file);
        ResourceRow row;
        row.id = newId(u"seq_"_s);
        row.kind = u"dna_sequence"_s;
        row.creatorId = creatorId;
        if (auto failure = sequences::applySequenceBody(resources, SeqKind::Dna, json, row, true)) {
            qCWarning(lcServer) << "demo sequences:" << file << failure->message;
            return false;
        }
        if (!insert(resources, row))
            return false;
    }

    // Proteins: the /translation of two plasmids' CDSs, with residue-level annotations found
    // by their motif (EGFP's chromophore TYG, Cormack et al. 1996; TEM-1 beta-lactamase's
    // signal peptide, residues 1-23, Sutcliffe 1978, and its S-x-x-K active-site motif).
    struct Site
    {
        QString name;
        QString type;
        QString motif; // found in the protein; empty: [start, end) below
        int start = 0;
        int end = 0;
        QString color;
    };
    struct ProteinPlan
    {
        QString file;
        QString product;
        QString name;
        QList<Site> sites;
    };
    const QList<ProteinPlan> proteins = {
        {u"pEGFP-N1_U55762.gb"_s,
         u"enhanced green fluorescent protein"_s,
         u"EGFP"_s,
         {{u"chromophore (T-Y-G)"_s, u"Site"_s, u"TYG"_s, 0, 0, u"#2ecc71"_s}}},
        {u"pUC19_snapgene.gb"_s,
         u"beta-lactamase"_s,
         u"TEM-1 beta-lactamase (AmpR)"_s,
         {{u"signal peptide"_s, u"Region"_s, {}, 0, 23, u"#f39c12"_s},
          {u"active site S-T-F-K"_s, u"Site"_s, u"STFK"_s, 0, 0, u"#e74c3c"_s}}},
    };
    for (const ProteinPlan &plan : proteins) {
        const bio::GenBankResult read = bio::readGenBank(readResource(dir.filePath(plan.file)));
        QString aminoAcids;
        for (const bio::Feature &feature : read.records.value(0).features)
            if (feature.type == u"CDS" && feature.qualifier(u"product"_s) == plan.product)
                aminoAcids = feature.qualifier(u"translation"_s).remove(u' ');
        if (aminoAcids.isEmpty()) {
            qCWarning(lcServer) << "demo sequences: no" << plan.product << "in" << plan.file;
            return false;
        }
        QJsonArray annotations;
        for (const Site &site : plan.sites) {
            const int start =
                site.motif.isEmpty() ? site.start : int(aminoAcids.indexOf(site.motif));
            const int end = site.motif.isEmpty() ? site.end : start + int(site.motif.size());
            if (start < 0)
                continue;
            annotations.append(QJsonObject{{u"name"_s, site.name},
                                           {u"type"_s, site.type},
                                           {u"start"_s, start},
                                           {u"end"_s, end},
                                           {u"color"_s, site.color}});
        }
        const QJsonObject body{{u"name"_s, plan.name},
                               {u"aminoAcids"_s, aminoAcids},
                               {u"annotations"_s, annotations},
                               {u"aliases"_s, QJsonArray()}};
        JsonBody json(body, u"Demo protein "_s + plan.name);
        ResourceRow row;
        row.id = newId(u"prtn_"_s);
        row.kind = u"aa_sequence"_s;
        row.creatorId = creatorId;
        if (auto failure = sequences::applySequenceBody(resources, SeqKind::Aa, json, row, true)) {
            qCWarning(lcServer) << "demo sequences:" << plan.name << failure->message;
            return false;
        }
        if (!insert(resources, row))
            return false;
    }

    // A feature library of the GenoLIB features found in the plasmids.
    ResourceRow library;
    library.id = newId(u"featlib_"_s);
    library.kind = u"feature_library"_s;
    library.name = u"Common plasmid features (GenoLIB)"_s;
    library.creatorId = creatorId;
    library.data = {{u"description"_s,
                     u"Promoters, origins, resistance genes and tags from GenoLIB "
                     "(Adames et al. 2015) that occur in the demo plasmids."_s}};
    if (auto failure = resources.insert(library)) {
        qCWarning(lcServer) << "demo sequences: feature library" << failure->message;
        return false;
    }
    bio::ParseError error;
    const auto features =
        bio::parseFeatureLibrary(readResource(u":/demo/features/demo_features.fasta"_s), &error);
    if (!features) {
        qCWarning(lcServer) << "demo sequences: feature library:" << error.toString();
        return false;
    }
    for (const bio::LibraryFeature &feature : *features) {
        ResourceRow row;
        row.id = newId(u"feat_"_s);
        row.kind = u"feature"_s;
        row.name = feature.name;
        row.parentId = library.id;
        row.creatorId = creatorId;
        row.data = {{u"pattern"_s, QString::fromLatin1(feature.sequence)},
                    {u"matchType"_s, u"nucleotide"_s},
                    {u"featureType"_s, bio::genbankFeatureKey(feature.type)}};
        if (!insert(resources, row))
            return false;
    }
    return true;
}

} // namespace benchtop::server
