module gortpeer

go 1.19
