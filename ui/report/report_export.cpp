// SPDX-License-Identifier: MIT
#include "ui/report/report_export.h"

#include "core/report/report_writers.h"
#include "ui/report/pdf_report_writer.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace bidlab::ui {

Status exportReport(const report::Report& report, const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("csv"))
        return report::writeCsv(report, path);
    if (suffix == QLatin1String("xlsx"))
        return report::writeXlsx(report, path);
    if (suffix == QLatin1String("pdf"))
        return writePdf(report, path);
    return Error { QCoreApplication::translate("bidlab", "Cannot export to '%1': the file name must end in .csv, "
                                                         ".xlsx or .pdf.")
                       .arg(path) };
}

QString reportFileFilters()
{
    return QCoreApplication::translate("bidlab",
                                       "PDF report (*.pdf);;Excel workbook (*.xlsx);;CSV table (*.csv)");
}

} // namespace bidlab::ui
