package importer

func importHTML(src string) Result { return importText(src) }
